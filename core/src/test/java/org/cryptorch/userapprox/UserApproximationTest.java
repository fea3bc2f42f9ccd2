package org.cryptorch.userapprox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.cryptorch.approx.Approximation;
import org.cryptorch.approx.Approximations;
import org.cryptorch.approx.KnobValues;
import org.cryptorch.compile.CompileOptions;
import org.cryptorch.compile.Compiler;
import org.cryptorch.compile.Plan;
import org.cryptorch.compile.Program;
import org.cryptorch.exec.Interpreter;
import org.cryptorch.exec.PlainBackend;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Value;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.api.Test;

/**
 * An approximation written outside {@code org.cryptorch.approx} with the public building blocks registers, compiles
 * into a model and, simulated in fixed point, agrees with the exact op within the library's tolerance over its
 * documented range.
 */
class UserApproximationTest {
    private static final int POINTS = 2001;

    @Test
    void aUserTanhRegistersCompilesAndMatchesTheReferenceInFixedPoint() {
        TanhByClampedFit tanh = new TanhByClampedFit();
        Approximations.register(tanh);
        try {
            assertThat(Approximations.forOp("Tanh")).contains(tanh);
            Approximation.Range range = tanh.documentedRange(KnobValues.empty().complete(tanh));
            double lo = range.lo();
            double hi = range.hi();
            double[] xs = new double[POINTS];
            for (int i = 0; i < POINTS; i++) {
                xs[i] = lo + (hi - lo) * i / (POINTS - 1);
            }
            Graph g = new Graph();
            g.setOpset("", 17);
            Value x = g.addInput("x", DType.FLOAT32, Shape.of(POINTS));
            Value y = g.op("Tanh", x);
            g.addOutput(y);
            Plan plan = Plan.of(java.util.List.of(new Plan.Site(y.producer().name(), "Tanh", tanh.name(),
                KnobValues.empty())));
            Program program = Compiler.compile(g, Map.of("x", Shape.of(POINTS)), plan, CompileOptions.defaults(),
                null);
            FloatTensor out = (FloatTensor) new Interpreter(program, new PlainBackend(program.fractionalBits()))
                .run(Map.of("x", new FloatTensor(Shape.of(POINTS), xs))).outputs().values().iterator().next();
            double worst = 0;
            for (int i = 0; i < POINTS; i++) {
                double exact = Math.tanh(xs[i]);
                worst = Math.max(worst, Math.abs(out.data()[i] - exact) / Math.max(1e-3, 1e-2 * Math.abs(exact)));
            }
            System.out.printf("user tanh on [%.1f, %.1f]: worst error / tolerance %.3f; %s%n", lo, hi, worst,
                program.cost());
            assertThat(worst).isLessThanOrEqualTo(1);
        } finally {
            Approximations.unregister(tanh.name());
        }
    }
}
