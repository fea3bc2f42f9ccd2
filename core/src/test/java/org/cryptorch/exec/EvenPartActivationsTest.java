package org.cryptorch.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.cryptorch.approx.Choice;
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
 * library's tolerance over [-64, 64] (where the polynomial overflows fixed point and must be zeroed, or with
 * {@code select = fused} cancelled, exactly), equal in two parties to the plain backend, and cheaper per element than
 * the piecewise fits they replace.
 */
class EvenPartActivationsTest {
    private static final int N = 4097;

    @ParameterizedTest
    @CsvSource({"Gelu, gelu.even, gelu.piecewise", "Silu, silu.even, silu.piecewise"})
    void fixedPointWithinToleranceAndCheaperThanPiecewise(String op, String even, String piecewise) {
        Graph g = site(op, N);
        Cost indicator = checkFixedPoint(g, even, "indicator");
        Cost fused = checkFixedPoint(g, even, "fused");
        Cost old = compile(g, piecewise, KnobValues.empty()).cost();
        System.out.printf("%s: %d rounds, %.1f B/elem per party; fused %d rounds, %.1f B/elem (%s: %d rounds, "
                + "%.1f B/elem)%n", even, indicator.rounds(), perElement(indicator), fused.rounds(), perElement(fused),
            piecewise, old.rounds(), perElement(old));
        assertThat(indicator.bytesPerParty()).isLessThan(old.bytesPerParty() * 2 / 3);
        assertThat(fused.rounds()).isEqualTo(indicator.rounds() - 1);
        assertThat(fused.bytesPerParty()).isLessThan(indicator.bytesPerParty());
    }

    private static double perElement(Cost c) {
        return (double) c.bytesPerParty() / N;
    }

    /** The program's cost, after checking its plain-backend output against the exact op on [-64, 64]. */
    private static Cost checkFixedPoint(Graph g, String even, String select) {
        FloatTensor x = grid(N, 64);
        Program p = compile(g, even, KnobValues.of(Map.of("select", select)));
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
        System.out.printf("%s select=%s in fixed point on [-64, 64]: max abs error %.2e (%.2f of tol)%n", even,
            select, maxAbs, worst);
        assertThat(worst).as(even + " " + select).isLessThanOrEqualTo(1);
        return p.cost();
    }

    /** Beyond +-L the polynomial's fixed-point values are garbage, so the two parties must agree there too. */
    @ParameterizedTest
    @CsvSource({"Gelu, gelu.even, indicator", "Gelu, gelu.even, fused", "Silu, silu.even, indicator",
        "Silu, silu.even, fused"})
    void twoPartiesEqualThePlainBackend(String op, String even, String select) {
        FloatTensor x = grid(33, 64);
        Program p = compile(site(op, 33), even, KnobValues.of(Map.of("select", select)));
        if (select.equals("fused")) {
            assertThat(p.steps()).anyMatch(st -> st.op().equals("ltz_times")).noneMatch(st -> st.op().equals("ltz"));
        }
        MpcBackendTest.checkAgainstPlain(p, Map.of("x", x), even + " " + select);
    }

    /**
     * SiLU as the default profile takes it (degree 20 in the Chebyshev basis): within 4e-4 of the exact op
     * over [-16, 16] in fixed point (6.5e-4 at the approximation's default degree 12; 1e-4 of it the fit, the rest
     * fixed point), while the same degree from powers of v, whose coefficients reach 160, is off by more than 1e-3;
     * and two parties agree with the plain backend over [-64, 64].
     */
    @org.junit.jupiter.api.Test
    void siluOfTheDefaultProfileIsAccurateInFixedPointOnlyInTheChebyshevBasis() {
        Graph g = site("Silu", N);
        KnobValues chebyshev = KnobValues.of(Map.of("degree", "20", "basis", "chebyshev"));
        assertThat(maxAbsError(g, chebyshev, 16)).isLessThan(4e-4);
        assertThat(maxAbsError(g, KnobValues.of(Map.of("degree", "20", "basis", "power")), 16))
            .isGreaterThan(1e-3);
        assertThat(Profile.named(Profile.DEFAULT).choiceFor("Silu").orElseThrow().knobs()).isEqualTo(chebyshev);
        MpcBackendTest.checkAgainstPlain(compile(site("Silu", 33), "silu.even", chebyshev), Map.of("x", grid(33, 64)),
            "silu.even chebyshev");
    }

    private static double maxAbsError(Graph g, KnobValues knobs, double r) {
        FloatTensor x = grid(N, r);
        Program p = compile(g, "silu.even", knobs);
        FloatTensor plain = new Interpreter(p, new PlainBackend(p.fractionalBits())).run(Map.of("x", x)).outputs()
            .values().iterator().next();
        FloatTensor exact = (FloatTensor) FloatInterpreter.run(g, Map.of("x", x)).values().iterator().next();
        double worst = 0;
        for (int i = 0; i < N; i++) {
            worst = Math.max(worst, Math.abs(plain.data()[i] - exact.data()[i]));
        }
        System.out.printf("silu.even %s in fixed point on [-%.0f, %.0f]: max abs error %.2e%n", knobs, r, r, worst);
        return worst;
    }

    private static Graph site(String op, int n) {
        Graph g = new Graph();
        g.setOpset("", 20);
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(n));
        g.addOutput(g.op(op, x));
        return g;
    }

    private static Program compile(Graph g, String approximation, KnobValues knobs) {
        Profile profile = Profile.named(Profile.DEFAULT).with(g.nodes().get(0).opType(),
            new Choice(approximation, knobs));
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
