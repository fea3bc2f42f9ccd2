package org.cryptorch.approx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.cryptorch.ir.Attribute;
import org.cryptorch.cli.approx.AccuracyCheck;
import org.cryptorch.cli.approx.CostEstimate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each fitted approximation against the exact function on the float interpreter over its documented range (held
 * to max(1e-3, 1e-2 |exact|), as every built-in), with its depth and comparisons; one printed row per case: name, knobs,
 * range, max abs error at x, error / tolerance, secret depth, comparisons per element, estimated rounds and bytes.
 */
class ActivationApproximationsTest {
    /** Knob settings that meet the accuracy target (max(1e-3, 1e-2 |f|)) on the documented range. */
    static Stream<Arguments> accurate() {
        return Stream.of(
            Arguments.of("sigmoid.piecewise", Map.of()),
            Arguments.of("sigmoid.piecewise", Map.of("order", "4", "segments", "2")),
            Arguments.of("sigmoid.piecewise", Map.of("order", "6", "segments", "3")),
            Arguments.of("sigmoid.chebyshev", Map.of()),
            Arguments.of("tanh.piecewise", Map.of()),
            Arguments.of("tanh.piecewise", Map.of("order", "6", "segments", "1")),
            Arguments.of("tanh.piecewise", Map.of("order", "4", "segments", "3")),
            Arguments.of("tanh.chebyshev", Map.of()),
            Arguments.of("erf.polynomial", Map.of()),
            Arguments.of("erf.polynomial", Map.of("degree", "9")),
            Arguments.of("gelu.piecewise", Map.of()),
            Arguments.of("gelu.piecewise", Map.of("order", "4", "segments", "3")),
            Arguments.of("gelu.tanh", Map.of()),
            Arguments.of("gelu.tanh", Map.of("tanh.order", "6", "tanh.segments", "3")),
            Arguments.of("gelu.erf", Map.of()),
            Arguments.of("gelu.even", Map.of()),
            Arguments.of("gelu.even", Map.of("degree", "8")),
            Arguments.of("gelu.even", Map.of("select", "fused")),
            Arguments.of("silu.piecewise", Map.of()),
            Arguments.of("silu.even", Map.of()),
            Arguments.of("silu.even", Map.of("select", "fused")),
            Arguments.of("silu.sigmoid", Map.of("sigmoid", "sigmoid.piecewise", "sigmoid.order", "6",
                "sigmoid.segments", "3")),
            Arguments.of("sigmoid.reciprocal", Map.of()),
            Arguments.of("tanh.reciprocal", Map.of()),
            Arguments.of("sigmoid.reciprocal", Map.of("exp", "exp.limit", "reciprocal", "reciprocal.newton")),
            Arguments.of("tanh.reciprocal", Map.of("exp", "exp.limit", "reciprocal", "reciprocal.newton")),
            Arguments.of("silu.sigmoid", Map.of()),
            Arguments.of("silu.sigmoid", Map.of("sigmoid.exp", "exp.limit", "sigmoid.exp.iterations", "12")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("accurate")
    void meetsTheAccuracyTarget(String name, Map<String, String> knobs) {
        AccuracyCheck check = measure(name, knobs);
        assertThat(check.worstRatio()).as(name + " " + knobs).isLessThanOrEqualTo(1);
    }

    /** Low-precision settings: held to the bound they are documented with. */
    static Stream<Arguments> lowPrecision() {
        return Stream.of(
            Arguments.of("sigmoid.piecewise", Map.of("order", "0"), 0.5),
            Arguments.of("sigmoid.piecewise", Map.of("order", "2"), 1.3e-2),
            Arguments.of("tanh.piecewise", Map.of("order", "0"), 1.0),
            Arguments.of("gelu.piecewise", Map.of("order", "0"), 0.17),
            Arguments.of("gelu.piecewise", Map.of("order", "2"), 1e-2),
            Arguments.of("gelu.puma", Map.of(), 9e-3),
            Arguments.of("gelu.relu", Map.of(), 0.17),
            Arguments.of("silu.relu", Map.of(), 0.28),
            Arguments.of("silu.piecewise", Map.of("order", "0"), 0.28),
            Arguments.of("silu.piecewise", Map.of("order", "4", "segments", "1"), 1.2e-2),
            Arguments.of("gelu.even", Map.of("degree", "4"), 3.5e-3),
            Arguments.of("silu.even", Map.of("degree", "8"), 3e-3));
    }

    @ParameterizedTest(name = "{0} {1} within {2}")
    @MethodSource("lowPrecision")
    void staysWithinItsDocumentedLowPrecisionBound(String name, Map<String, String> knobs, double bound) {
        assertThat(measure(name, knobs).maxAbsError()).isLessThanOrEqualTo(bound);
    }

    /**
     * The GELU approximations ignore the op's {@code approximate} attribute: against the tanh form they are off by
     * their own error plus the forms' difference (at most 4.7e-4).
     */
    @ParameterizedTest
    @ValueSource(strings = {"gelu.piecewise", "gelu.tanh", "gelu.erf", "gelu.even"})
    void geluApproximationsServeTheTanhFormToo(String name) {
        ApproximationProbe p = new ApproximationProbe(name, Map.of(), Map.of("approximate",
            Attribute.of("approximate", "tanh")), 1);
        double[] x = new double[2001];
        for (int i = 0; i < x.length; i++) {
            x[i] = -10 + 20.0 * i / (x.length - 1);
        }
        double[] approx = p.run(x);
        double[] exact = p.exact(x);
        for (int i = 0; i < x.length; i++) {
            assertThat(Math.abs(approx[i] - exact[i])).as("x = " + x[i]).isLessThanOrEqualTo(1e-3 + 4.7e-4);
        }
    }

    /**
     * A piecewise function's depth: its one comparison runs alongside the ceil(log2 order) products of the powers,
     * then one product selects; order 0 selects constants (sigmoid) locally or x (GELU) with one product.
     */
    @ParameterizedTest(name = "{0} order {1}")
    @MethodSource("depths")
    void piecewiseDepthIsOneComparisonOrThePowersThenOneProduct(String name, String order, int depth) {
        ApproximationProbe p = ApproximationProbe.unary(name, Map.of("order", order));
        assertThat(p.secretDepth()).isEqualTo(depth);
        assertThat(p.ltzNodes()).isEqualTo(1);
    }

    static Stream<Arguments> depths() {
        return Stream.of(Arguments.of("sigmoid.piecewise", "0", 1), Arguments.of("sigmoid.piecewise", "2", 2),
            Arguments.of("sigmoid.piecewise", "4", 3), Arguments.of("sigmoid.piecewise", "6", 4),
            Arguments.of("gelu.piecewise", "0", 2), Arguments.of("gelu.piecewise", "2", 2),
            Arguments.of("gelu.piecewise", "4", 3));
    }

    /**
     * x/2 + even part: two thresholds in one comparison; the square, then the ceil(log2(degree + 1)) levels of the
     * polynomial in (x/L)^2, then one selecting product.
     */
    @ParameterizedTest(name = "{0} degree {1}")
    @CsvSource({"gelu.even, 6, 5", "gelu.even, 7, 5", "gelu.even, 3, 4", "silu.even, 12, 6"})
    void evenPartIsTwoThresholdsInOneComparisonAndALowDepthPolynomial(String name, String degree, int depth) {
        ApproximationProbe p = ApproximationProbe.unary(name, Map.of("degree", degree));
        assertThat(p.ltzNodes()).isEqualTo(1);
        assertThat(p.comparisonsPerElement()).isEqualTo(2);
        assertThat(p.secretDepth()).isEqualTo(depth);
    }

    /** Its documented range follows the comparison width, as the piecewise fits' does. */
    @Test
    void evenPartRangeFollowsTheComparisonWidth() {
        ApproximationProbe p = ApproximationProbe.unary("gelu.even", Map.of("bits", "24"));
        assertThat(p.approximation.documentedRange(p.knobs)).isEqualTo(new Approximation.Range(-64, 64));
        ApproximationProbe narrow = ApproximationProbe.unary("gelu.even", Map.of("bits", "20"));
        Approximation.Range r = narrow.approximation.documentedRange(narrow.knobs);
        assertThat(r.hi()).isLessThan(8).isGreaterThan(3);
        assertThat(r.lo()).isEqualTo(-r.hi());
    }

    /** Accuracy over the documented range (the CLI's check), printed with cost, depth and comparisons. */
    private static AccuracyCheck measure(String name, Map<String, String> knobs) {
        ApproximationProbe p = ApproximationProbe.unary(name, knobs);
        AccuracyCheck check = AccuracyCheck.run(p.approximation, p.knobs);
        CostEstimate cost = CostEstimate.of(p.approximation, p.knobs);
        System.out.printf("| %-18s | %-60s | %-12s | %.2e at %8.3f | %.2f | %d | %d | %d | %.0f |%n", name, knobs,
            p.approximation.documentedRange(p.knobs), check.maxAbsError(), check.worstInput(), check.worstRatio(),
            p.secretDepth(), p.comparisonsPerElement(), cost.rounds(), cost.bytesPerElement());
        return check;
    }
}
