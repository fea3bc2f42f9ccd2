package org.cryptorch.passes;

import static org.assertj.core.api.Assertions.assertThat;

import org.cryptorch.ir.Graph;
import org.cryptorch.ir.GraphPrinter;
import org.cryptorch.ir.Value;
import org.junit.jupiter.api.Test;

class FuseSiluTest {
    private static Graph twoSilus() {
        Graph g = new Graph();
        Value x = TestGraphs.input(g, "x", 3);
        Value a = g.op("Mul", x, g.op("Sigmoid", x));
        g.addOutput(g.op("Mul", g.op("Sigmoid", a), a));
        return g;
    }

    @Test
    void fusesBothOperandOrders() {
        Graph g = twoSilus();
        Value x = g.inputs().get(0);
        assertThat(new FuseSilu().run(g)).isTrue();
        g.sortTopologically();
        g.removeDeadNodes();
        assertThat(GraphPrinter.opCounts(g)).containsExactly(java.util.Map.entry("Silu", 2L));
        Value first = g.nodes().get(0).output(0);
        assertThat(g.nodes().get(0).inputs()).containsExactly(x);
        assertThat(g.nodes().get(1).inputs()).containsExactly(first);
        TestGraphs.assertPassPreservesOutputs(FuseSiluTest::twoSilus, new FuseSilu(), 1e-12);
    }

    @Test
    void leavesSigmoidOfAnotherValueAndSharedSigmoids() {
        Graph g = new Graph();
        Value x = TestGraphs.input(g, "x", 3);
        Value y = TestGraphs.input(g, "y", 3);
        g.addOutput(g.op("Mul", x, g.op("Sigmoid", y)));
        Value s = g.op("Sigmoid", x);
        g.addOutput(g.op("Mul", x, s));
        g.addOutput(s);
        assertThat(new FuseSilu().run(g)).isFalse();
    }
}
