package org.cryptorch.passes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cryptorch.compile.CompileOptions;
import org.cryptorch.compile.Compiler;
import org.cryptorch.compile.Plan;
import org.cryptorch.compile.Program;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.GraphPrinter;
import org.cryptorch.ir.Value;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.api.Test;

/**
 * What linear ops derive from weights is computed in the canonical graph, so that the compiler counts it among the
 * weights: secret under the model owner, shared like any weight, never a public constant of the program.
 */
class FactorsOfWeightsTest {
    /** x (an input, so no layer to fold into) through a BatchNormalization, then divided by a weight tensor. */
    private static Graph unfoldableBatchNormThenDivision() {
        Random rnd = new Random(3);
        Graph g = new Graph();
        Value x = TestGraphs.input(g, "x", 1, 3, 2, 2);
        Value var = g.constant(new FloatTensor(Shape.of(3), rnd.doubles(3, 0.2, 2).toArray()));
        Value bn = g.op("BatchNormalization", Map.of("epsilon", Attribute.of("epsilon", 1e-3)), x,
            TestGraphs.randomConstant(g, rnd, 1, 3), TestGraphs.randomConstant(g, rnd, 0, 3),
            TestGraphs.randomConstant(g, rnd, 0, 3), var);
        Value divisor = g.constant(new FloatTensor(Shape.of(3, 1, 1), rnd.doubles(3, 0.5, 2).toArray()));
        g.addOutput(g.op("Div", g.op("Div", bn, divisor), TestGraphs.scalar(g, 4)));
        return g;
    }

    @Test
    void batchNormFactorsAndReciprocalsOfWeightsAreWeightsOfTheProgram() {
        Graph g = TestGraphs.assertPassesPreserveOutputs(FactorsOfWeightsTest::unfoldableBatchNormThenDivision,
            List.of(new FoldBatchNorm(), new FactorsOfWeights()), 1e-9);
        // the division by the scalar 4 (an architecture constant, matched by fusions) stays a Div
        assertThat(GraphPrinter.opCounts(g)).containsOnly(Map.entry("Mul", 2L), Map.entry("Add", 1L),
            Map.entry("Div", 1L));
        Program p = Compiler.compile(g, Map.of("x", Shape.of(1, 3, 2, 2)), Plan.of(List.of()),
            CompileOptions.defaults(), null);
        // scale, shift and the divisor's reciprocal: shared as secret weights (before, all three were public
        // constants the model owner's process computed with in the clear)
        assertThat(p.setup()).hasSize(3).allSatisfy(w -> assertThat(w.value().size()).isEqualTo(3));
    }
}
