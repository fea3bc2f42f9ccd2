package org.cryptorch.approx;

import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Value;

/**
 * Exponential for softmax inputs in [-16, 0]: a Chebyshev polynomial of exp on [-16/2^k, 0] evaluated at x/2^k,
 * then k squarings ({@code exp(x) = exp(x/2^k)^(2^k)}); optionally 0 below -16, where the polynomial would grow.
 * Rounds: degree - 1 + k, with the clamp's comparison in parallel.
 */
final class ExpNegative extends BaseApproximation {
    static final double LOWER = -16;

    ExpNegative() {
        super("exp.negative", "Exp", "Chebyshev polynomial on [-16/2^k, 0] then k squarings; for x <= 0",
            List.of(
                Knob.integer("squarings", "k; full precision needs degree >= 3 and degree + k >= 7", 0, 8, 4),
                Knob.integer("degree", "polynomial degree", 2, 8, 4),
                Knob.integer("clamp", "1 = output 0 below -16 (one comparison and product)", 0, 1, 1),
                ComparisonBits.KNOB));
    }

    @Override
    public Range documentedRange(KnobValues knobs) {
        boolean clamp = knobs.integer("clamp") == 1;
        return new Range(clamp ? -ComparisonBits.bound(ComparisonBits.of(knobs)) : LOWER, 0);
    }

    @Override
    public List<Value> build(Emitter e, List<Value> inputs, Map<String, Attribute> attributes, KnobValues knobs) {
        Value x = inputs.get(0);
        int k = knobs.integer("squarings");
        double scale = Math.scalb(1.0, -k);
        Value y = ChebyshevFit.of(v -> Math.exp(v * scale), LOWER, 0, knobs.integer("degree")).emit(e, x);
        for (int i = 0; i < k; i++) {
            y = e.square(y);
        }
        if (knobs.integer("clamp") == 1) {
            y = e.mul(y, e.atLeast(x, LOWER, ComparisonBits.of(knobs)));
        }
        return List.of(y);
    }
}
