package org.cryptorch.approx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Value;
import org.cryptorch.tensor.FloatTensor;
import org.junit.jupiter.api.Test;

/** The exact comparison-based ops against the reference interpreter's op, including the corners. */
class ComparisonApproximationsTest {
    private static final double[] X = {-1000, -7.5, -3, -2.5, -1, -0.25, -1e-6, 0, 1e-6, 0.25, 1, 2.5, 3, 4, 999};

    private static void assertExact(ApproximationProbe p, double[]... inputs) {
        assertThat(p.run(inputs)).containsExactly(p.exact(inputs), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void leakyReluHardSigmoidHardSwishAbsMatchTheOps() {
        assertExact(new ApproximationProbe("leakyrelu.comparison", Map.of(), Map.of("alpha", Attribute.of("alpha",
            0.1)), 1), X);
        assertExact(new ApproximationProbe("leakyrelu.comparison", Map.of(), Map.of(), 1), X);
        assertExact(new ApproximationProbe("hardsigmoid.comparison", Map.of(), Map.of(), 1), X);
        assertExact(new ApproximationProbe("hardsigmoid.comparison", Map.of(), Map.of("alpha", Attribute.of("alpha",
            0.5), "beta", Attribute.of("beta", 0.25)), 1), X);
        assertExact(ApproximationProbe.unary("hardswish.comparison", Map.of()), X);
        assertExact(ApproximationProbe.unary("abs.comparison", Map.of()), X);
    }

    @Test
    void signIsExactAtZero() {
        ApproximationProbe p = ApproximationProbe.unary("sign.comparison", Map.of("bits", "32"));
        assertExact(p, X);
        assertThat(p.run(new double[] {0})).containsExactly(0.0);
        assertThat(p.ltzNodes()).isEqualTo(1);
        assertThat(p.comparisonsPerElement()).isEqualTo(2);
    }

    @Test
    void clipWithBoundsFromAttributesMatchesTheOpWithBoundInputs() {
        Graph g = new Graph();
        Value lo = g.constant(FloatTensor.scalar(-2.5));
        Value hi = g.constant(FloatTensor.scalar(3));
        ApproximationProbe unbounded = new ApproximationProbe("clip.comparison", Map.of(), Map.of(), 1);
        ApproximationProbe withBounds = clipProbe(-2.5, 3.0);
        assertThat(withBounds.run(X)).containsExactly(withBounds.exact(List.of(lo, hi), X),
            org.assertj.core.data.Offset.offset(1e-9));
        ApproximationProbe lowerOnly = clipProbe(-2.5, null);
        assertThat(lowerOnly.run(X)).containsExactly(lowerOnly.exact(List.of(lo), X),
            org.assertj.core.data.Offset.offset(1e-9));
        assertThat(unbounded.run(X)).containsExactly(X);
        assertThat(withBounds.comparisonsPerElement()).isEqualTo(2);
        assertThat(withBounds.secretDepth()).isEqualTo(2);
    }

    @Test
    void clipWithSecretBoundInputs() {
        double[] lo = new double[X.length];
        double[] hi = new double[X.length];
        double[] expected = new double[X.length];
        for (int i = 0; i < X.length; i++) {
            lo[i] = -i / 2.0;
            hi[i] = i / 3.0;
            expected[i] = Math.min(hi[i], Math.max(lo[i], X[i]));
        }
        assertThat(new ApproximationProbe("clip.comparison", Map.of(), Map.of(), 3).run(X, lo, hi))
            .containsExactly(expected, org.assertj.core.data.Offset.offset(1e-9));
    }

    private static ApproximationProbe clipProbe(double lo, Double hi) {
        Map<String, Attribute> legacy = hi == null ? Map.of("min", Attribute.of("min", lo))
            : Map.of("min", Attribute.of("min", lo), "max", Attribute.of("max", hi));
        return new ApproximationProbe("clip.comparison", Map.of(), legacy, 1);
    }

    @Test
    void maxAndMinOfTwoAndThreeTensors() {
        Random r = new Random(7);
        double[][] in = new double[3][200];
        for (double[] row : in) {
            for (int i = 0; i < row.length; i++) {
                row[i] = Math.round(r.nextGaussian() * 40) / 4.0;
            }
        }
        for (String name : List.of("max.elementwise", "min.elementwise")) {
            assertExact(new ApproximationProbe(name, Map.of(), Map.of(), 2), in[0], in[1]);
            ApproximationProbe three = new ApproximationProbe(name, Map.of(), Map.of(), 3);
            assertExact(three, in);
            assertThat(three.secretDepth()).isEqualTo(4);
        }
    }

    @Test
    void whereSelectsBySecretCondition() {
        double[] cond = {1, 0, 0, 1, 1};
        double[] a = {1.5, -2, 3, -4, 5};
        double[] b = {-1, 2, -3, 4, -5.25};
        ApproximationProbe p = new ApproximationProbe("where.select", Map.of(), Map.of(), 3);
        assertThat(p.run(cond, a, b)).containsExactly(1.5, 2, -3, -4, 5);
        assertThat(p.secretDepth()).isEqualTo(1);
    }

    @Test
    void bitsKnobRejectsWidthsBelowEight() {
        assertThatThrownBy(() -> ApproximationProbe.unary("abs.comparison", Map.of("bits", "5")))
            .hasMessage("knob bits = 5: use 0 (lowering decides) or 8..64");
        assertThatThrownBy(() -> ApproximationProbe.unary("abs.comparison", Map.of("bits", "65")))
            .hasMessage("knob bits = 65 outside [0, 64]");
    }

    @Test
    void bitsKnobReachesTheComparison() {
        ApproximationProbe p = ApproximationProbe.unary("gelu.piecewise", Map.of("bits", "24"));
        assertThat(p.graph.nodes().stream().filter(n -> n.opType().equals(Primitives.LTZ))
            .map(n -> n.attribute("bits").asInt())).containsExactly(24L);
    }
}
