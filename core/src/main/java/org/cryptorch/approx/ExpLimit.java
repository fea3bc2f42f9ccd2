package org.cryptorch.approx;

import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Value;

/**
 * CrypTen's exponential: {@code (1 + x/2^T)^(2^T)} by T squarings, optionally zeroed below {@code -2^T}, where the
 * base turns negative and its even power would blow up (the clamp's product comes last, off the critical path).
 */
final class ExpLimit extends BaseApproximation {
    /** Below this many squarings the negative side fails the tolerance near x = -2 (error about 0.27 / 2^T). */
    private static final int FULL_PRECISION_ITERATIONS = 8;

    ExpLimit() {
        super("exp.limit", "Exp", "limit (1 + x/2^T)^(2^T), T squarings (CrypTen)", List.of(
            Knob.integer("iterations", "squarings T; T < 8 is low precision (range shrinks to +-0.14*2^(T/2))", 1,
                16, 8),
            Knob.integer("clamp", "1 = output 0 below -2^T (one comparison and product)", 0, 1, 1),
            ComparisonBits.KNOB));
    }

    @Override
    public Range documentedRange(KnobValues knobs) {
        int t = knobs.integer("iterations");
        // relative error of the limit is about x^2 / 2^(T+1): 1e-2 up to x = sqrt(0.02 * 2^T)
        double hi = Math.floor(100 * Math.sqrt(0.02 * Math.scalb(1.0, t))) / 100;
        if (t < FULL_PRECISION_ITERATIONS) {
            return new Range(-hi, hi);
        }
        double lo = knobs.integer("clamp") == 1 ? -ComparisonBits.bound(ComparisonBits.of(knobs))
            : -Math.scalb(1.0, t);
        return new Range(Math.min(lo, -Math.scalb(1.0, t)), hi);
    }

    @Override
    public List<Value> build(Emitter e, List<Value> inputs, Map<String, Attribute> attributes, KnobValues knobs) {
        Value x = inputs.get(0);
        int t = knobs.integer("iterations");
        Value y = e.addConst(e.mulConst(x, Math.scalb(1.0, -t)), 1);
        for (int i = 0; i < t; i++) {
            y = e.square(y);
        }
        if (knobs.integer("clamp") == 1) {
            y = e.mul(y, e.atLeast(x, -Math.scalb(1.0, t), ComparisonBits.of(knobs)));
        }
        return List.of(y);
    }
}
