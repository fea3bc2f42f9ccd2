package org.cryptorch.passes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.GraphPrinter;
import org.cryptorch.ir.Value;
import org.junit.jupiter.api.Test;

class RemoveNoOpsTest {
    private static final Map<String, Attribute> TO_FLOAT = Map.of("to", Attribute.of("to", 1L));
    private static final Map<String, Attribute> TO_INT64 = Map.of("to", Attribute.of("to", 7L));

    private static Graph chain() {
        Graph g = new Graph();
        Value x = TestGraphs.input(g, "x", 2, 3);
        Value y = g.op("Cast", TO_FLOAT, g.op("Dropout", g.op("Identity", g.op("Relu", x))));
        g.addOutput(g.op("Cast", TO_INT64, y));
        return g;
    }

    @Test
    void dropsIdentityDropoutAndSameTypeCastButKeepsRealCasts() {
        Graph g = TestGraphs.assertPassesPreserveOutputs(RemoveNoOpsTest::chain, List.of(new RemoveNoOps()), 0);
        assertThat(GraphPrinter.opCounts(g)).containsOnly(Map.entry("Cast", 1L), Map.entry("Relu", 1L));
        assertThat(TestGraphs.only(g, "Cast").intAttr("to", 0)).isEqualTo(7);
    }

    @Test
    void keepsDropoutWhoseMaskIsUsedAndIdentityFromInputToOutput() {
        Graph g = new Graph();
        Value x = TestGraphs.input(g, "x", 2);
        var dropout = g.addNode("Dropout", List.of(g.op("Relu", x)), 2, Map.of());
        g.addOutput(dropout.output(0));
        g.addOutput(dropout.output(1));
        g.addOutput(g.op("Identity", x));
        assertThat(new RemoveNoOps().run(g)).isFalse();
        assertThat(g.inputs().get(0).name()).isEqualTo("x");
    }

    /** Swin's attention dropout: ratio 0 in training mode (two outputs, the mask unused) passes its input. */
    @Test
    void dropsADropoutOfRatioZeroEvenInTrainingMode() {
        Graph g = new Graph();
        g.setOpset("", 14);
        Value x = TestGraphs.input(g, "x", 2);
        Value ratio = g.constant(org.cryptorch.tensor.FloatTensor.scalar(0));
        Value training = g.constant(new org.cryptorch.tensor.LongTensor(org.cryptorch.tensor.Shape.scalar(),
            new long[] {1}, org.cryptorch.tensor.DType.BOOL));
        var dropout = g.addNode("Dropout", List.of(g.op("Relu", x), ratio, training), 2, Map.of());
        g.addOutput(dropout.output(0));
        assertThat(new RemoveNoOps().run(g)).isTrue();
        assertThat(GraphPrinter.opCounts(g)).containsOnly(Map.entry("Relu", 1L));
    }
}
