package org.cryptorch.approx;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.cryptorch.ir.Value;

/**
 * Range reduction of a positive input by its power of two, with comparisons only: {@code c_k = Ltz(x - 2^k)} for
 * {@code minExp < k < maxExp} tell the binade {@code j} with {@code 2^j <= x < 2^(j+1)} (inputs below
 * {@code 2^minExp} count as binade minExp, inputs above {@code 2^maxExp} as the last one). Any per-binade constant
 * {@code g(j)} is then a linear combination of the comparison bits, {@code g(maxExp-1) + sum_k (g(k-1) - g(k)) c_k},
 * so scaling the input into [1, 2) costs one product and undoing it one more; all comparisons run in parallel.
 */
final class PowerOfTwoScaling {
    static final String MIN_EXP = "min_exp";
    static final String MAX_EXP = "max_exp";

    private final Emitter e;
    private final int minExp;
    private final int maxExp;
    private final List<Value> below = new ArrayList<>();

    /** Emits the comparisons of {@code x} against {@code 2^(minExp+1) .. 2^(maxExp-1)}. */
    PowerOfTwoScaling(Emitter e, Value x, KnobValues knobs) {
        this.e = e;
        this.minExp = knobs.integer(MIN_EXP);
        this.maxExp = knobs.integer(MAX_EXP);
        if (minExp >= maxExp) {
            throw new IllegalArgumentException("min_exp " + minExp + " must be below max_exp " + maxExp);
        }
        int bits = ComparisonBits.of(knobs);
        for (int k = minExp + 1; k < maxExp; k++) {
            below.add(e.ltz(e.addConst(x, -Math.scalb(1.0, k)), bits));
        }
    }

    static List<Knob> knobs(int minExp, int maxExp) {
        return List.of(
            Knob.integer(MIN_EXP, "inputs below 2^min_exp lose accuracy (one comparison per binade)", -24, 0, minExp),
            Knob.integer(MAX_EXP, "inputs above 2^max_exp lose accuracy", 1, 24, maxExp),
            ComparisonBits.KNOB);
    }

    static Approximation.Range range(KnobValues knobs) {
        return new Approximation.Range(Math.scalb(1.0, knobs.integer(MIN_EXP)),
            Math.scalb(1.0, knobs.integer(MAX_EXP)));
    }

    /** {@code g(j)} for the binade j of each element, with no products. */
    Value perBinade(IntToDoubleFunction g) {
        Value acc = e.constant(g.applyAsDouble(maxExp - 1));
        for (int k = minExp + 1; k < maxExp; k++) {
            double step = g.applyAsDouble(k - 1) - g.applyAsDouble(k);
            acc = e.add(acc, e.mulConst(below.get(k - minExp - 1), step));
        }
        return acc;
    }

    /** {@code x / 2^j}, in [1, 2) inside the documented range: one product. */
    Value mantissa(Value x) {
        return e.mul(x, perBinade(j -> Math.scalb(1.0, -j)));
    }
}
