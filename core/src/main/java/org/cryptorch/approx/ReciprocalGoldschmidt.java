package org.cryptorch.approx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Value;

/**
 * Goldschmidt reciprocal after power-of-two range reduction (as SPU): {@code c = x / 2^(j+1)} in [0.5, 1),
 * {@code r = 2.9142 - 2c}, {@code e = 1 - c r}, then {@code r <- r (1 + e)}, {@code e <- e^2} (both products in
 * one round) and {@code 1/x = r / 2^(j+1)}. The relative error after T iterations is about 0.086^(2^T).
 */
final class ReciprocalGoldschmidt extends BaseApproximation {
    ReciprocalGoldschmidt() {
        super("reciprocal.goldschmidt", "Reciprocal",
            "Goldschmidt after power-of-two scaling into [0.5, 1) by comparisons (SPU); positive inputs unless signed",
            knobList());
    }

    private static List<Knob> knobList() {
        List<Knob> k = new ArrayList<>(List.of(
            Knob.integer("iterations", "Goldschmidt steps (1 round each); 1 is low precision (rel 7e-3)", 1, 5, 2),
            Knob.integer("signed", "1 = also negative inputs (one more comparison, two products)", 0, 1, 0)));
        k.addAll(PowerOfTwoScaling.knobs(-10, 10));
        return k;
    }

    @Override
    public Range documentedRange(KnobValues knobs) {
        Range r = PowerOfTwoScaling.range(knobs);
        return knobs.integer("signed") == 1 ? Range.mirrored(r.lo(), r.hi()) : r;
    }

    @Override
    public List<Value> build(Emitter e, List<Value> inputs, Map<String, Attribute> attributes, KnobValues knobs) {
        Value x = inputs.get(0);
        return List.of(knobs.integer("signed") == 1
            ? SignedReciprocal.emit(e, x, ComparisonBits.of(knobs), a -> goldschmidt(e, a, knobs))
            : goldschmidt(e, x, knobs));
    }

    private static Value goldschmidt(Emitter e, Value x, KnobValues knobs) {
        PowerOfTwoScaling scaling = new PowerOfTwoScaling(e, x, knobs);
        Value scale = scaling.perBinade(j -> Math.scalb(1.0, -j - 1));
        Value c = e.mul(x, scale);
        Value r = e.addConst(e.mulConst(c, -2), 2.9142);
        Value err = e.sub(e.constant(1), e.mul(c, r));
        for (int i = 0; i < knobs.integer("iterations"); i++) {
            r = e.mul(r, e.addConst(err, 1));
            if (i + 1 < knobs.integer("iterations")) {
                err = e.square(err);
            }
        }
        return e.mul(r, scale);
    }
}
