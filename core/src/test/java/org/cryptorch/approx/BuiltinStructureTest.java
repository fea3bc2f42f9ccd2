package org.cryptorch.approx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cryptorch.cli.approx.SampleSite;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.Value;
import org.cryptorch.reference.FloatInterpreter;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.api.Test;

/** Attribute handling of the row ops beyond the sample sites, and the primitives-only contract. */
class BuiltinStructureTest {
    private final Random random = new Random(7);

    @Test
    void everyBuiltinEmitsOnlyPrimitives() {
        for (Approximation a : Approximations.all()) {
            KnobValues knobs = KnobValues.empty().complete(a);
            Graph g = SampleSite.of(a.op(), a.documentedRange(knobs)).approximatedGraph(a, knobs);
            for (Node n : g.nodes()) {
                assertThat(Primitives.isPrimitive(n.opType())).as(a.name() + " emits " + n.opType()).isTrue();
            }
        }
    }

    /** The width knob reaches every emitted comparison as its {@code bits} attribute; 0 leaves it out. */
    @Test
    void comparisonWidthKnobBecomesTheLtzAttribute() {
        for (String bits : new String[] {"0", "24"}) {
            Approximation a = Approximations.get("softmax.shifted");
            KnobValues knobs = KnobValues.of(Map.of("bits", bits, "exp.bits", bits, "reciprocal.bits", bits))
                .complete(a);
            Graph g = SampleSite.of(a.op(), a.documentedRange(knobs)).approximatedGraph(a, knobs);
            List<Node> ltz = g.nodes().stream().filter(n -> n.opType().equals(Primitives.LTZ)).toList();
            assertThat(ltz).isNotEmpty().allMatch(n -> n.intAttr("bits", 0) == Long.parseLong(bits));
        }
    }

    @Test
    void legacySoftmaxNormalisesOverAllTrailingAxes() {
        assertMatchesExact("softmax.shifted", "Softmax", 11, Shape.of(2, 3, 4), Map.of());
        assertMatchesExact("logsoftmax.shifted", "LogSoftmax", 11, Shape.of(2, 3, 4),
            Map.of("axis", Attribute.of("axis", 1L)));
        assertMatchesExact("softmax.shifted", "Softmax", 17, Shape.of(2, 3, 5), Map.of("axis", Attribute.of("axis",
            1L)));
    }

    @Test
    void reduceMaxOverAllAxesKeepingDims() {
        assertMatchesExact("reducemax.tree", "ReduceMax", 17, Shape.of(3, 5, 7), Map.of());
        assertMatchesExact("reducemax.tree", "ReduceMax", 17, Shape.of(3, 5, 7),
            Map.of("axes", Attribute.ofInts("axes", 0, -1), "keepdims", Attribute.of("keepdims", 0L)));
    }

    @Test
    void maxPoolWithoutPaddingAndOneDimensional() {
        assertMatchesExact("maxpool.tree", "MaxPool", 17, Shape.of(2, 3, 8, 6),
            Map.of("kernel_shape", Attribute.ofInts("kernel_shape", 2, 3)));
        assertMatchesExact("maxpool.tree", "MaxPool", 17, Shape.of(1, 2, 11),
            Map.of("kernel_shape", Attribute.ofInts("kernel_shape", 3), "strides", Attribute.ofInts("strides", 2),
                "pads", Attribute.ofInts("pads", 2, 1)));
        assertMatchesExact("maxpool.tree", "MaxPool", 17, Shape.of(1, 1, 9, 9),
            Map.of("kernel_shape", Attribute.ofInts("kernel_shape", 2, 2), "dilations",
                Attribute.ofInts("dilations", 2, 2)));
    }

    /** SqueezeNet and GoogLeNet pool with ceil_mode 1; the last window then hangs over the end. */
    @Test
    void maxPoolWithCeilModeAndSamePadding() {
        assertMatchesExact("maxpool.tree", "MaxPool", 17, Shape.of(1, 2, 8, 7),
            Map.of("kernel_shape", Attribute.ofInts("kernel_shape", 3, 3), "strides", Attribute.ofInts("strides", 2, 2),
                "ceil_mode", Attribute.of("ceil_mode", 1L)));
        assertMatchesExact("maxpool.tree", "MaxPool", 17, Shape.of(1, 2, 7, 7),
            Map.of("kernel_shape", Attribute.ofInts("kernel_shape", 3, 3), "strides", Attribute.ofInts("strides", 2, 2),
                "pads", Attribute.ofInts("pads", 1, 1, 1, 1), "ceil_mode", Attribute.of("ceil_mode", 1L)));
        assertMatchesExact("maxpool.tree", "MaxPool", 17, Shape.of(1, 1, 5, 6),
            Map.of("kernel_shape", Attribute.ofInts("kernel_shape", 2, 3), "strides", Attribute.ofInts("strides", 2, 2),
                "auto_pad", Attribute.of("auto_pad", "SAME_UPPER")));
    }

    @Test
    void layerNormOverTwoAxesWithoutBias() {
        Graph exact = new Graph();
        Value x = exact.addInput("x", DType.FLOAT32, Shape.of(3, 4, 5));
        Value scale = exact.constant(FloatTensor.full(Shape.of(4, 5), 1.5));
        Map<String, Attribute> attrs = Map.of("axis", Attribute.of("axis", 1L), "epsilon", Attribute.of("epsilon",
            0.5));
        exact.addOutput(exact.addNode("LayerNormalization", List.of(x, scale), 1, attrs).output(0));
        Graph approx = new Graph();
        Value ax = approx.addInput("x", DType.FLOAT32, Shape.of(3, 4, 5));
        approx.addOutput(new Emitter(approx).apply(Approximations.get("layernorm.rsqrt"),
            List.of(ax, approx.constant(FloatTensor.full(Shape.of(4, 5), 1.5))), attrs, KnobValues.empty()).get(0));
        compare(exact, approx, Shape.of(3, 4, 5), 1e-3);
    }

    @Test
    void unsupportedAttributesAreClearErrors() {
        Graph g = new Graph();
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(1, 1, 4, 4));
        Emitter e = new Emitter(g);
        assertThatThrownBy(() -> e.apply(Approximations.get("maxpool.tree"), List.of(x),
            Map.of("kernel_shape", Attribute.ofInts("kernel_shape", 2, 2), "pads", Attribute.ofInts("pads", 1, 1, 0, 0),
                "dilations", Attribute.ofInts("dilations", 2, 2)),
            KnobValues.empty())).hasMessage("maxpool.tree does not support padding with dilation > 1");
        Value unshaped = g.newValue("scores");
        assertThatThrownBy(() -> e.apply(Approximations.get("softmax.shifted"), List.of(unshaped), Map.of(),
            KnobValues.empty())).hasMessageContaining("'scores' has no static shape");
        assertThatThrownBy(() -> KnobValues.of(Map.of("exp", "reciprocal.newton"))
            .complete(Approximations.get("softmax.shifted")))
            .hasMessage("knob exp needs an approximation of Exp, got reciprocal.newton (Reciprocal)");
    }

    private void assertMatchesExact(String name, String op, int opset, Shape shape, Map<String, Attribute> attrs) {
        Graph exact = new Graph();
        exact.setOpset("", opset);
        Value x = exact.addInput("x", DType.FLOAT32, shape);
        exact.addOutput(exact.addNode(op, List.of(x), 1, attrs).output(0));
        Graph approx = new Graph();
        approx.setOpset("", opset);
        Value ax = approx.addInput("x", DType.FLOAT32, shape);
        approx.addOutput(new Emitter(approx).apply(Approximations.get(name), List.of(ax), attrs, KnobValues.empty())
            .get(0));
        compare(exact, approx, shape, 1e-3);
    }

    private void compare(Graph exact, Graph approx, Shape shape, double tolerance) {
        double[] v = new double[shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = 8 * random.nextDouble() - 4;
        }
        var in = Map.<String, org.cryptorch.tensor.Tensor>of("x", new FloatTensor(shape, v, DType.FLOAT32));
        FloatTensor want = (FloatTensor) FloatInterpreter.run(exact, in).values().iterator().next();
        FloatTensor got = (FloatTensor) FloatInterpreter.run(approx, in).values().iterator().next();
        assertThat(got.shape()).isEqualTo(want.shape());
        for (int i = 0; i < want.size(); i++) {
            assertThat(got.data()[i]).as("element " + i).isCloseTo(want.data()[i],
                org.assertj.core.data.Offset.offset(tolerance + 1e-2 * Math.abs(want.data()[i])));
        }
    }
}
