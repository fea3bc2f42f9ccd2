package org.cryptorch.approx;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Value;

/**
 * Exact ReLU {@code x - x Ltz(x)}: one comparison and one product; the width knob bounds the input range. The same
 * program also stands in for GELU and SiLU ({@link #forAsymptotes}).
 */
final class ReluByComparison extends BaseApproximation {
    /** Whether this stands in for a curve (GELU, SiLU) rather than computing ReLU exactly. */
    private final boolean standIn;

    ReluByComparison() {
        super("relu.ltz", "Relu", "x * (1 - Ltz(x)), exact up to the comparison width",
            List.of(ComparisonBits.KNOB));
        standIn = false;
    }

    private ReluByComparison(Curve curve) {
        super(curve.prefix() + ".relu", curve.op, String.format(Locale.ROOT,
            "max(x, 0), the asymptotes joined at 0: one comparison and its fused product; low precision (%.2f)",
            maxDistance(curve)), List.of(ComparisonBits.KNOB));
        standIn = true;
    }

    @Override
    public boolean lossy() {
        return standIn;
    }

    /**
     * GELU or SiLU as max(x, 0): the curve's asymptotes (0 and x) joined at 0, one comparison with its product fused
     * and no polynomial, about a third of the bytes of the even-part fit. Low precision (0.17 for GELU near x = -0.75,
     * 0.28 for SiLU near -1.28), so no profile's default: it is there for the tuner to take where a network keeps its
     * accuracy with ReLU in place of GELU (as MPCFormer and SecFormer observe for many transformers) under the
     * user's budget.
     */
    static ReluByComparison forAsymptotes(Curve curve) {
        if (curve.leftAsymptote.length != 1 || curve.leftAsymptote[0] != 0 || curve.rightAsymptote.length != 2
            || curve.rightAsymptote[0] != 0 || curve.rightAsymptote[1] != 1) {
            throw new IllegalArgumentException(curve.op + " does not tend to 0 and x, so max(x, 0) does not follow it");
        }
        return new ReluByComparison(curve);
    }

    /** max |f(x) - max(x, 0)| on a 1e-3 grid over [-16, 16] (beyond it GELU and SiLU are within 1e-6 of ReLU). */
    private static double maxDistance(Curve curve) {
        double worst = 0;
        for (int i = -16_000; i <= 16_000; i++) {
            double x = i / 1000.0;
            worst = Math.max(worst, Math.abs(curve.at(x) - Math.max(x, 0)));
        }
        return worst;
    }

    @Override
    public Range documentedRange(KnobValues knobs) {
        double bound = ComparisonBits.bound(ComparisonBits.of(knobs));
        return new Range(-bound, bound);
    }

    @Override
    public List<Value> build(Emitter e, List<Value> inputs, Map<String, Attribute> attributes, KnobValues knobs) {
        Value x = inputs.get(0);
        return List.of(e.sub(x, e.mul(x, e.ltz(x, ComparisonBits.of(knobs)))));
    }
}
