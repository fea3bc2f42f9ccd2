package org.cryptorch.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.cryptorch.approx.KnobValues;
import org.cryptorch.approx.Profile;
import org.cryptorch.compile.CompileOptions;
import org.cryptorch.compile.Compiler;
import org.cryptorch.compile.Plan;
import org.cryptorch.compile.Program;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Value;
import org.cryptorch.mpc.Cost;
import org.cryptorch.reference.FloatInterpreter;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The default GELU and SiLU ({@code gelu.even}, {@code silu.even}) compiled and run in fixed point: within the
 * library's tolerance over [-64, 64] (where the polynomial overflows fixed point and must be zeroed exactly), equal
 * in two parties to the plain backend, and cheaper per element than the piecewise fits they replace.
 */
class EvenPartActivationsTest {
    private static final int N = 4097;

    @ParameterizedTest
    @CsvSource({"Gelu, gelu.even, gelu.piecewise", "Silu, silu.even, silu.piecewise"})
    void fixedPointWithinToleranceAndCheaperThanPiecewise(String op, String even, String piecewise) {
        Graph g = site(op, N);
        FloatTensor x = grid(N, 64);
        Program p = compile(g, even);
        FloatTensor plain = new Interpreter(p, new PlainBackend(p.fractionalBits())).run(Map.of("x", x)).outputs()
            .values().iterator().next();
        FloatTensor exact = (FloatTensor) FloatInterpreter.run(g, Map.of("x", x)).values().iterator().next();
        double worst = 0;
        double maxAbs = 0;
        for (int i = 0; i < N; i++) {
            double err = Math.abs(plain.data()[i] - exact.data()[i]);
            maxAbs = Math.max(maxAbs, err);
            worst = Math.max(worst, err / Math.max(1e-3, 1e-2 * Math.abs(exact.data()[i])));
        }
        Cost c = p.cost();
        Cost old = compile(g, piecewise).cost();
        System.out.printf("%s in fixed point on [-64, 64]: max abs error %.2e (%.2f of tol); %d rounds, %.1f B/elem "
                + "per party (%s: %d rounds, %.1f B/elem)%n", even, maxAbs, worst, c.rounds(),
            (double) c.bytesPerParty() / N, piecewise, old.rounds(), (double) old.bytesPerParty() / N);
        assertThat(worst).isLessThanOrEqualTo(1);
        assertThat(c.bytesPerParty()).isLessThan(old.bytesPerParty() * 2 / 3);
    }

    /** Beyond +-L the polynomial's fixed-point values are garbage, so the two parties must agree there too. */
    @ParameterizedTest
    @CsvSource({"Gelu, gelu.even", "Silu, silu.even"})
    void twoPartiesEqualThePlainBackend(String op, String even) {
        FloatTensor x = grid(33, 64);
        MpcBackendTest.checkAgainstPlain(compile(site(op, 33), even), Map.of("x", x), even);
    }

    private static Graph site(String op, int n) {
        Graph g = new Graph();
        g.setOpset("", 20);
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(n));
        g.addOutput(g.op(op, x));
        return g;
    }

    private static Program compile(Graph g, String approximation) {
        Profile profile = Profile.named(Profile.DEFAULT).with(g.nodes().get(0).opType(),
            new Profile.Choice(approximation, KnobValues.empty()));
        return Compiler.compile(g, Map.of("x", g.inputs().get(0).shape()), Plan.fromProfile(g, profile),
            CompileOptions.defaults(), null);
    }

    /** n evenly spaced points of [-r, r]. */
    private static FloatTensor grid(int n, double r) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -r + 2 * r * i / (n - 1);
        }
        return new FloatTensor(Shape.of(n), x);
    }
}
