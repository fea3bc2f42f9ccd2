package org.cryptorch.passes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cryptorch.passes.TestGraphs.longs;
import static org.cryptorch.passes.TestGraphs.scalar;

import java.util.Map;
import java.util.Random;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.GraphPrinter;
import org.cryptorch.ir.Value;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.api.Test;

class CanonicalizerTest {
    private static final Map<String, Attribute> AXIS0 = Map.of("axis", Attribute.of("axis", 0L));

    /** Reshape of {@code v} to [batch of x, rest...] computed the way torch.onnx does for a dynamic batch. */
    private static Value reshapeKeepingBatch(Graph g, Value v, Value x, long... rest) {
        Value batch = g.op("Gather", AXIS0, g.op("Shape", x),
            g.constant(new LongTensor(Shape.scalar(), new long[] {0})));
        Value target = g.op("Concat", AXIS0, g.op("Unsqueeze", batch, longs(g, 0)), longs(g, rest));
        return g.op("Reshape", v, target);
    }

    /**
     * A small exported-looking network with a dynamic batch: flatten, Gemm, BatchNorm, Identity, erf GELU written
     * out, reshape, LayerNorm written out, a constant additive mask, Softmax, Dropout.
     */
    private static Graph network() {
        Random rnd = new Random(11);
        Graph g = new Graph();
        g.setOpset("", 14);
        Value x = TestGraphs.input(g, "x", 2, 4, 6);
        x.setDeclaredDims(new int[] {-1, 4, 6});
        Value h = g.op("Gemm", Map.of("transB", Attribute.of("transB", 1L)), reshapeKeepingBatch(g, x, x, -1),
            TestGraphs.randomConstant(g, rnd, 0, 8, 24), TestGraphs.randomConstant(g, rnd, 0, 8));
        Value var = TestGraphs.floats(g, Shape.of(8), rnd.doubles(8, 0.5, 2).toArray());
        h = g.op("Identity", g.op("BatchNormalization", h, TestGraphs.randomConstant(g, rnd, 1, 8),
            TestGraphs.randomConstant(g, rnd, 0, 8), TestGraphs.randomConstant(g, rnd, 0, 8), var));
        Value erf = g.op("Erf", g.op("Div", h, scalar(g, Math.sqrt(2))));
        h = g.op("Mul", g.op("Mul", h, g.op("Add", erf, scalar(g, 1))), scalar(g, 0.5));
        h = reshapeKeepingBatch(g, h, x, 2, 4);
        Map<String, Attribute> lastAxis = Map.of("axes", Attribute.ofInts("axes", -1));
        Value d = g.op("Sub", h, g.op("ReduceMean", lastAxis, h));
        Value variance = g.op("ReduceMean", lastAxis, g.op("Pow", d, scalar(g, 2)));
        h = g.op("Div", d, g.op("Sqrt", g.op("Add", variance, scalar(g, 1e-5))));
        h = g.op("Add", g.op("Mul", h, TestGraphs.randomConstant(g, rnd, 1, 4)), TestGraphs.randomConstant(g, rnd, 0, 4));
        Value mask = TestGraphs.floats(g, Shape.of(1, 1, 4), 0, -3.4028234663852886e38, 0, 0);
        g.addOutput(g.op("Dropout", g.op("Softmax", Map.of("axis", Attribute.of("axis", -1L)), g.op("Add", h, mask))));
        return g;
    }

    @Test
    void canonicalisesAnExportedLookingNetworkWithoutChangingItsOutputs() {
        Graph g = TestGraphs.assertRewritePreservesOutputs(CanonicalizerTest::network,
            graph -> Canonicalizer.canonicalize(graph, Map.of("x", Shape.of(2, 4, 6))), 1e-9);
        assertThat(GraphPrinter.opCounts(g)).containsOnly(Map.entry("Reshape", 2L), Map.entry("MatMul", 1L),
            Map.entry("Add", 1L), Map.entry("Gelu", 1L), Map.entry("LayerNormalization", 1L),
            Map.entry("MaskedSoftmax", 1L));
        assertThat(g.outputs().get(0).shape()).isEqualTo(Shape.of(2, 2, 4));
    }

    @Test
    void foldsShapeArithmeticForTheGivenBatch() {
        Graph g = Canonicalizer.canonicalize(network(), Map.of("x", Shape.of(5, 4, 6)));
        Value target = g.nodes().get(0).input(1);
        assertThat(((LongTensor) target.constant()).data()).containsExactly(5, -1);
        assertThat(g.outputs().get(0).shape()).isEqualTo(Shape.of(5, 2, 4));
    }

    @Test
    void rejectsAShapeThatContradictsTheDeclaredOne() {
        assertThatThrownBy(() -> Canonicalizer.canonicalize(network(), Map.of("x", Shape.of(5, 4, 7))))
            .hasMessage("input 'x' expects shape [?, 4, 6], given [5, 4, 7]");
    }
}
