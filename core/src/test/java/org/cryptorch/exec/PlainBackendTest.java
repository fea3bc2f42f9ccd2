package org.cryptorch.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import org.cryptorch.compile.CompileOptions;
import org.cryptorch.compile.Compiler;
import org.cryptorch.compile.Ownership;
import org.cryptorch.compile.Program;
import org.cryptorch.ir.Graph;
import org.cryptorch.reference.FloatInterpreter;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The fixed-point simulator against the float reference on small graphs. */
class PlainBackendTest {
    private static final double TOLERANCE = 2e-3;

    @Test
    void mlpMatchesFloatWithSecretAndPublicWeights() {
        Graph g = TestModels.mlp(4, 1);
        FloatTensor x = TestModels.randomTensor(new Random(2), 1.0, 4, 8);
        for (int owner : new int[] {1, Ownership.PUBLIC}) {
            double err = maxError(g, x, CompileOptions.defaults().withOwnership(Ownership.of(0, owner, 0)));
            System.out.printf("mlp, weight owner %d: max |plain - float| = %.2e%n", owner, err);
            assertThat(err).isLessThan(TOLERANCE);
        }
    }

    @Test
    void convNetMatchesFloat() {
        Graph g = TestModels.convNet(3);
        FloatTensor x = TestModels.randomTensor(new Random(4), 1.0, 1, 2, 6, 6);
        double err = maxError(g, x, CompileOptions.defaults());
        System.out.printf("conv net: max |plain - float| = %.2e%n", err);
        assertThat(err).isLessThan(TOLERANCE);
    }

    static double maxError(Graph g, FloatTensor x, CompileOptions options) {
        Program p = Compiler.compile(g, Map.of("x", x.shape()), TestModels.reluPlan(g), options, null);
        FloatTensor plain = new Interpreter(p, new PlainBackend(p.fractionalBits())).run(Map.of("x", x)).outputs()
            .values().iterator().next();
        Tensor ref = FloatInterpreter.run(g, Map.of("x", x)).values().iterator().next();
        return maxAbsDiff(plain, (FloatTensor) ref);
    }

    static double maxAbsDiff(FloatTensor a, FloatTensor b) {
        assertThat(a.shape()).isEqualTo(b.shape());
        double m = 0;
        for (int i = 0; i < a.size(); i++) {
            m = Math.max(m, Math.abs(a.data()[i] - b.data()[i]));
        }
        return m;
    }

    static Shape shape(int... d) {
        return Shape.of(d);
    }
}
