package org.cryptorch.approx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.cryptorch.cli.approx.AccuracyCheck;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in approximation against the exact float op over its documented range (FloatInterpreter on both
 * graphs), held to |err| <= 1e-3 + 1e-2 |exact|, at default knobs and at the other full-precision settings that
 * matter (CrypTen's choices, the other initial guess, offsets, widths).
 */
class BuiltinAccuracyTest {

    static Stream<Arguments> settings() {
        return Stream.of(
            Arguments.of("exp.limit", Map.of()),
            Arguments.of("exp.limit", Map.of("clamp", "0")),
            Arguments.of("exp.limit", Map.of("iterations", "4")),
            Arguments.of("exp.limit", Map.of("iterations", "12", "bits", "32")),
            Arguments.of("exp.negative", Map.of()),
            Arguments.of("exp.negative", Map.of("squarings", "3", "degree", "4", "clamp", "0")),
            Arguments.of("exp.negative", Map.of("squarings", "6", "degree", "3")),
            Arguments.of("reciprocal.newton", Map.of()),
            Arguments.of("reciprocal.newton", Map.of("init", "linear", "bits", "24")),
            Arguments.of("reciprocal.positive", Map.of("exp", "exp.limit", "exp.clamp", "0")),
            Arguments.of("reciprocal.goldschmidt", Map.of()),
            Arguments.of("reciprocal.goldschmidt", Map.of("signed", "1", "iterations", "3", "min_exp", "-16")),
            Arguments.of("rsqrt.newton", Map.of()),
            Arguments.of("rsqrt.normalized", Map.of()),
            Arguments.of("rsqrt.normalized", Map.of("degree", "4", "iterations", "0")),
            Arguments.of("sqrt.rsqrt", Map.of()),
            Arguments.of("sqrt.rsqrt", Map.of("rsqrt", "rsqrt.newton")),
            Arguments.of("log.householder", Map.of()),
            Arguments.of("log.normalized", Map.of()),
            Arguments.of("softmax.shifted", Map.of()),
            Arguments.of("softmax.shifted", Map.of("shift", "offset", "offset", "4")),
            Arguments.of("softmax.shifted", Map.of("exp", "exp.limit", "reciprocal", "reciprocal.positive")),
            Arguments.of("maskedsoftmax.shifted", Map.of()),
            Arguments.of("maskedsoftmax.shifted", Map.of("shift", "offset", "offset", "-2")),
            Arguments.of("logsoftmax.shifted", Map.of()),
            Arguments.of("logsoftmax.shifted", Map.of("log", "log.householder")),
            Arguments.of("layernorm.rsqrt", Map.of()),
            Arguments.of("layernorm.rsqrt", Map.of("rsqrt", "rsqrt.newton")),
            Arguments.of("reducemax.tree", Map.of()),
            Arguments.of("maxpool.tree", Map.of("bits", "20")),
            Arguments.of("relu.ltz", Map.of("bits", "64")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("settings")
    void meetsToleranceOverDocumentedRange(String name, Map<String, String> knobs) {
        Approximation a = Approximations.get(name);
        AccuracyCheck check = AccuracyCheck.run(a, KnobValues.of(knobs));
        System.out.printf("%-24s %-60s range %-18s max abs err %.3g, worst err/tol %.3f at %.4g%n", name, knobs,
            a.documentedRange(KnobValues.of(knobs).complete(a)), check.maxAbsError(), check.worstRatio(),
            check.worstInput());
        assertThat(check.worstRatio()).as(name + " " + knobs + " error relative to tolerance").isLessThanOrEqualTo(1);
    }
}
