package org.cryptorch.passes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.GraphPrinter;
import org.cryptorch.ir.Value;
import org.junit.jupiter.api.Test;

class FoldBatchNormTest {
    private static Value batchNorm(Graph g, Random rnd, Value x, int channels) {
        Value var = g.constant(new org.cryptorch.tensor.FloatTensor(org.cryptorch.tensor.Shape.of(channels),
            rnd.doubles(channels, 0.2, 2).toArray()));
        return g.op("BatchNormalization", Map.of("epsilon", Attribute.of("epsilon", 1e-3)), x,
            TestGraphs.randomConstant(g, rnd, 1, channels), TestGraphs.randomConstant(g, rnd, 0, channels),
            TestGraphs.randomConstant(g, rnd, 0, channels), var);
    }

    private static Graph convBn() {
        Random rnd = new Random(5);
        Graph g = new Graph();
        Value x = TestGraphs.input(g, "x", 1, 2, 5, 5);
        Value conv = g.op("Conv", Map.of("pads", Attribute.ofInts("pads", 1, 1, 1, 1)), x,
            TestGraphs.randomConstant(g, rnd, 0, 3, 2, 3, 3), TestGraphs.randomConstant(g, rnd, 0, 3));
        g.addOutput(batchNorm(g, rnd, conv, 3));
        return g;
    }

    private static Graph linearBn(boolean bias, int... inputDims) {
        Random rnd = new Random(6);
        Graph g = new Graph();
        Value x = TestGraphs.input(g, "x", inputDims);
        Value y = g.op("MatMul", x, TestGraphs.randomConstant(g, rnd, 0, 4, 5));
        if (bias) {
            y = g.op("Add", TestGraphs.randomConstant(g, rnd, 0, 5), y);
        }
        g.addOutput(batchNorm(g, rnd, y, inputDims.length == 2 ? 5 : inputDims[1]));
        return g;
    }

    @Test
    void foldsIntoAConv() {
        Graph g = TestGraphs.assertPassesPreserveOutputs(FoldBatchNormTest::convBn, List.of(new FoldBatchNorm()),
            1e-9);
        assertThat(GraphPrinter.opCounts(g)).containsExactly(Map.entry("Conv", 1L));
        assertThat(TestGraphs.only(g, "Conv").intsAttr("pads", null)).containsExactly(1, 1, 1, 1);
    }

    @Test
    void foldsIntoALinearLayerWithOrWithoutBias() {
        for (boolean bias : new boolean[] {true, false}) {
            Graph g = TestGraphs.assertPassesPreserveOutputs(() -> linearBn(bias, 3, 4),
                List.of(new FoldBatchNorm()), 1e-9);
            assertThat(GraphPrinter.opCounts(g)).containsOnlyKeys("MatMul", "Add");
        }
    }

    @Test
    void leavesABatchNormOverAnotherAxisThanTheMatMulColumns() {
        Graph g = linearBn(true, 2, 3, 4);
        new org.cryptorch.ir.ShapeInference(org.cryptorch.reference.Ops.evaluator()).infer(g, Map.of());
        assertThat(new FoldBatchNorm().run(g)).isFalse();
    }
}
