package org.cryptorch.passes;

import static org.assertj.core.api.Assertions.assertThat;

import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Value;
import org.junit.jupiter.api.Test;

class MpcOpsTest {
    @Test
    void classifiesLinearOpsAsExactAndNonLinearOnesWithAReason() {
        Graph g = new Graph();
        Value x = TestGraphs.input(g, "x", 2, 3);
        Value y = TestGraphs.input(g, "y", 2, 3);
        assertThat(MpcOps.approximationReason(g.addNode("MatMul", java.util.List.of(x, y), 1, null))).isNull();
        assertThat(MpcOps.approximationReason(g.op("Div", x, TestGraphs.scalar(g, 8)).producer())).isNull();
        assertThat(MpcOps.approximationReason(g.op("Pow", x, TestGraphs.scalar(g, 2)).producer())).isNull();
        assertThat(MpcOps.approximationReason(g.op("Div", x, y).producer())).contains("division by a secret");
        assertThat(MpcOps.approximationReason(g.op("Pow", x, TestGraphs.scalar(g, 0.5)).producer()))
            .contains("non-integer");
        assertThat(MpcOps.approximationReason(g.op("Relu", x).producer())).isEqualTo("comparison with zero");
        assertThat(MpcOps.approximationReason(g.op("LayerNormalization", x).producer())).contains("square root");
        assertThat(MpcOps.approximationReason(g.op("Mystery", x).producer())).contains("not an MPC-native op");
    }
}
