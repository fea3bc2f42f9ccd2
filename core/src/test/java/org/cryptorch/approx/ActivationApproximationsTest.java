package org.cryptorch.approx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each fitted approximation against the exact function on the float interpreter, over its documented range, with
 * its depth and comparisons; one printed row per case (the table of the report).
 */
class ActivationApproximationsTest {
    private static final int POINTS = 6400;

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
            Arguments.of("silu.piecewise", Map.of()),
            Arguments.of("silu.sigmoid", Map.of("sigmoid", "sigmoid.piecewise", "sigmoid.order", "6",
                "sigmoid.segments", "3")),
            Arguments.of("sigmoid.reciprocal", Map.of()),
            Arguments.of("tanh.reciprocal", Map.of()),
            Arguments.of("silu.sigmoid", Map.of()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("accurate")
    void meetsTheAccuracyTarget(String name, Map<String, String> knobs) {
        ApproximationProbe p = probe(name, knobs);
        double[] x = p.grid(POINTS);
        double[] approx = p.run(x);
        double[] exact = p.exact(x);
        report(p, x, approx, exact);
        assertThat(ApproximationProbe.worstRatio(approx, exact)).as(name + " " + p.knobs).isLessThanOrEqualTo(1);
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
            Arguments.of("silu.piecewise", Map.of("order", "0"), 0.28),
            Arguments.of("silu.piecewise", Map.of("order", "4", "segments", "1"), 1.2e-2));
    }

    @ParameterizedTest(name = "{0} {1} within {2}")
    @MethodSource("lowPrecision")
    void staysWithinItsDocumentedLowPrecisionBound(String name, Map<String, String> knobs, double bound) {
        ApproximationProbe p = probe(name, knobs);
        double[] x = p.grid(POINTS);
        double[] approx = p.run(x);
        double[] exact = p.exact(x);
        report(p, x, approx, exact);
        assertThat(ApproximationProbe.maxAbsError(approx, exact)).isLessThanOrEqualTo(bound);
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

    private static ApproximationProbe probe(String name, Map<String, String> knobs) {
        Assumptions.assumeTrue(nestedAvailable(name, knobs), "needs approx1's exp.limit and reciprocal.newton");
        return ApproximationProbe.unary(name, knobs);
    }

    /** sigmoid.reciprocal and what nests it by default need the exp and reciprocal of branch approx1. */
    static boolean nestedAvailable(String name, Map<String, String> knobs) {
        boolean usesReciprocal = name.endsWith(".reciprocal") || name.equals("silu.sigmoid")
            && !knobs.containsKey("sigmoid");
        return !usesReciprocal || Approximations.all().stream().anyMatch(a -> a.name().equals("exp.limit"))
            && Approximations.all().stream().anyMatch(a -> a.name().equals("reciprocal.newton"));
    }

    private static void report(ApproximationProbe p, double[] x, double[] approx, double[] exact) {
        int worst = 0;
        for (int i = 0; i < x.length; i++) {
            if (Math.abs(approx[i] - exact[i]) > Math.abs(approx[worst] - exact[worst])) {
                worst = i;
            }
        }
        System.out.printf("| %-18s | %-58s | [%g, %g] | %.2e at %.3f | ratio %.2f | depth %d | Ltz %d (%d/elem) |%n",
            p.approximation.name(), p.knobs, x[0], x[x.length - 1], Math.abs(approx[worst] - exact[worst]), x[worst],
            ApproximationProbe.worstRatio(approx, exact), p.secretDepth(), p.ltzNodes(), p.comparisonsPerElement());
    }
}
