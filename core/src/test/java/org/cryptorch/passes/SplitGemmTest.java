package org.cryptorch.passes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.GraphPrinter;
import org.cryptorch.ir.Value;
import org.cryptorch.reference.Ops;
import org.junit.jupiter.api.Test;

class SplitGemmTest {
    private static Graph gemm(boolean withBias) {
        Random rnd = new Random(3);
        Graph g = new Graph();
        Value a = TestGraphs.input(g, "a", 4, 3);
        Value b = TestGraphs.randomConstant(g, rnd, 0, 5, 4);
        Map<String, Attribute> attrs = Map.of("transA", Attribute.of("transA", 1L),
            "transB", Attribute.of("transB", 1L), "alpha", Attribute.of("alpha", 2.0),
            "beta", Attribute.of("beta", 0.5));
        g.addOutput(withBias ? g.op("Gemm", attrs, a, b, TestGraphs.randomConstant(g, rnd, 0, 5))
            : g.op("Gemm", attrs, a, b));
        return g;
    }

    @Test
    void turnsGemmIntoMatMulAndAddWithTheSameOutputs() {
        Graph g = TestGraphs.assertPassesPreserveOutputs(() -> gemm(true),
            List.of(new SplitGemm(), new FoldConstants(Ops.evaluator())), 1e-12);
        // the transposed, alpha-scaled weight and the beta-scaled bias fold into constants
        assertThat(GraphPrinter.opCounts(g)).containsOnly(Map.entry("Add", 1L), Map.entry("MatMul", 1L),
            Map.entry("Transpose", 1L));
    }

    @Test
    void omitsTheAddWithoutBias() {
        Graph g = TestGraphs.assertPassesPreserveOutputs(() -> gemm(false),
            List.of(new SplitGemm(), new FoldConstants(Ops.evaluator())), 1e-12);
        assertThat(GraphPrinter.opCounts(g)).containsOnlyKeys("MatMul", "Transpose");
    }
}
