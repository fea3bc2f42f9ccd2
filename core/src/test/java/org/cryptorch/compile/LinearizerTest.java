package org.cryptorch.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.OpTable;
import org.cryptorch.ir.Value;
import org.cryptorch.reference.FloatInterpreter;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The linearize stage: every op the {@link OpTable} lists as linearized is rewritten, and the values stay. */
class LinearizerTest {
    private static final Shape X = Shape.of(1, 2, 4, 4);

    /** One node of every linearized op (exact cases), each an output of the graph. */
    private static Graph everyLinearizedOp() {
        Graph g = new Graph();
        g.setOpset("", 13);
        Value x = g.addInput("x", DType.FLOAT32, X);
        Value y = g.addInput("y", DType.FLOAT32, X);
        Value condition = g.constant(new LongTensor(Shape.of(4), new long[] {1, 0, 0, 1}, DType.BOOL));
        Map<String, Attribute> window = Map.of("kernel_shape", Attribute.ofInts("kernel_shape", 2, 2),
            "pads", Attribute.ofInts("pads", 1, 0, 1, 0));
        List<Value> outs = List.of(
            g.op("Div", x, g.constant(FloatTensor.scalar(3))),
            g.op("Pow", x, g.constant(FloatTensor.scalar(3))),
            g.op("Sum", x, y, x),
            g.op("ReduceMean", Map.of("axes", Attribute.ofInts("axes", 1, 3)), x),
            g.op("AveragePool", window, x),
            g.op("GlobalAveragePool", x),
            g.op("Where", condition, x, y),
            g.op("Dropout", g.op("Add", x, y)),
            g.op("Identity", g.op("Sub", x, y)));
        outs.forEach(g::addOutput);
        g.addNode("Split", List.of(x), 2, Map.of("axis", Attribute.of("axis", 3L))).outputs().forEach(g::addOutput);
        return g;
    }

    @Test
    void rewritesEveryLinearizedOpIntoPrimitivesWithTheSameValues() {
        Graph g = everyLinearizedOp();
        GraphCleanup.pruneAndInfer(g, Map.of());
        Set<String> covered = new HashSet<>();
        g.nodes().forEach(n -> covered.add(n.opType()));
        assertThat(covered).as("the test graph has one node of each linearized op")
            .containsAll(OpTable.ops(OpTable.Mpc.LINEARIZED));
        Map<String, Tensor> inputs = Map.of("x", ramp(0.25), "y", ramp(-0.5));
        Map<String, Tensor> before = FloatInterpreter.run(g, inputs);

        Linearizer.apply(g);
        GraphCleanup.pruneAndInfer(g, Map.of());

        for (Node n : g.nodes()) {
            assertThat(OpTable.of(n.opType()).mpc()).as(n.toString())
                .isIn(OpTable.Mpc.LOWERED, OpTable.Mpc.MOVED);
        }
        Map<String, Tensor> after = FloatInterpreter.run(g, inputs);
        assertThat(after.size()).isEqualTo(before.size());
        int k = 0;
        for (Tensor expected : before.values()) {
            FloatTensor got = Linearizer.toFloat(after.values().stream().toList().get(k++));
            FloatTensor want = Linearizer.toFloat(expected);
            assertThat(got.shape()).isEqualTo(want.shape());
            for (int i = 0; i < want.data().length; i++) {
                assertThat(got.data()[i]).isCloseTo(want.data()[i], org.assertj.core.data.Offset.offset(1e-9));
            }
        }
    }

    @Test
    void keepsWhatIsNotExact() {
        Graph g = new Graph();
        Value x = g.addInput("x", DType.FLOAT32, X);
        g.addOutput(g.op("Div", x, x));
        g.addOutput(g.op("Where", g.addInput("c", DType.BOOL, X), x, x));
        GraphCleanup.pruneAndInfer(g, Map.of());
        Linearizer.apply(g);
        assertThat(g.nodes()).extracting(Node::opType).containsExactly("Div", "Where");
    }

    private static FloatTensor ramp(double step) {
        double[] d = new double[X.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = 1 + step * i;
        }
        return new FloatTensor(X, d);
    }
}
