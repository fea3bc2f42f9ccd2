package org.cryptorch.passes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.GraphPrinter;
import org.cryptorch.ir.Value;
import org.cryptorch.reference.Ops;
import org.cryptorch.tensor.LongTensor;
import org.junit.jupiter.api.Test;

class FoldConstantsTest {
    /**
     * What torch.onnx emits for {@code x.reshape(x.shape[0], -1) + ones}: Shape/Gather/Unsqueeze/Concat feeding a
     * Reshape, plus a Constant node and a ConstantOfShape/Cast chain on the shape of an activation.
     */
    private static Graph pytorchReshape() {
        Graph g = new Graph();
        g.setOpset("", 14);
        Value x = TestGraphs.input(g, "x", 3, 2, 4);
        Value batch = g.op("Gather", Map.of("axis", Attribute.of("axis", 0L)), g.op("Shape", x),
            g.constant(new LongTensor(org.cryptorch.tensor.Shape.scalar(), new long[] {0})));
        Value minusOne = g.op("Constant", Map.of("value", Attribute.of("value",
            new LongTensor(org.cryptorch.tensor.Shape.of(1), new long[] {-1}))));
        Value target = g.op("Concat", Map.of("axis", Attribute.of("axis", 0L)),
            g.op("Unsqueeze", batch, TestGraphs.longs(g, 0)), minusOne);
        Value reshaped = g.op("Reshape", x, target);
        Value ones = g.op("Cast", Map.of("to", Attribute.of("to", 1L)),
            g.op("ConstantOfShape", Map.of("value", Attribute.of("value",
                new LongTensor(org.cryptorch.tensor.Shape.of(1), new long[] {1}))), g.op("Shape", reshaped)));
        g.addOutput(g.op("Add", reshaped, ones));
        return g;
    }

    @Test
    void foldsShapeArithmeticForKnownInputShapes() {
        Graph g = TestGraphs.assertPassesPreserveOutputs(FoldConstantsTest::pytorchReshape,
            List.of(new FoldConstants(Ops.evaluator())), 0);
        assertThat(GraphPrinter.opCounts(g)).containsOnlyKeys("Reshape", "Add");
        Value target = TestGraphs.only(g, "Reshape").input(1);
        assertThat(((LongTensor) target.constant()).data()).containsExactly(3, -1);
    }

    @Test
    void leavesNodesWithNonConstantInputs() {
        Graph g = new Graph();
        Value x = TestGraphs.input(g, "x", 2);
        g.addOutput(g.op("Add", x, TestGraphs.scalar(g, 1)));
        assertThat(new FoldConstants(Ops.evaluator()).run(g)).isFalse();
    }
}
