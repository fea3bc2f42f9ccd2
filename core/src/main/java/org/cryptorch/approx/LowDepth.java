package org.cryptorch.approx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Value;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;

/**
 * Round-saving building blocks on top of {@link Emitter}: polynomial bases whose secret-product depth grows with
 * log2 of the degree rather than the degree (Horner's rule), and one comparison over several inputs so that all
 * range tests of a piecewise function share the rounds of a single {@code Ltz}.
 */
final class LowDepth {
    private LowDepth() {
    }

    /**
     * u^0 .. u^degree (index 0 is null, standing for the constant 1). u^k for k in (2^(j-1), 2^j] is
     * u^(2^(j-1)) * u^(k - 2^(j-1)), two powers of depth at most j - 1, so depth is ceil(log2 degree) with
     * degree - 1 products.
     */
    static List<Value> powers(Emitter e, Value u, int degree) {
        return bySplitIndex(u, degree, (p, a, b) -> e.mul(p.get(a), p.get(b)));
    }

    /**
     * Chebyshev polynomials T_0(u) .. T_degree(u) (index 0 is null, standing for 1), by T_(a+b) = 2 T_a T_b - T_(a-b)
     * with a the largest power of two below k: depth ceil(log2 degree), and every T_k stays in [-1, 1] for u in
     * [-1, 1], which keeps high degrees safe in fixed point where monomial coefficients would cancel badly.
     */
    static List<Value> chebyshevBasis(Emitter e, Value u, int degree) {
        return bySplitIndex(u, degree, (t, a, b) -> {
            Value twice = e.mulConst(e.mul(t.get(a), t.get(b)), 2);
            return a == b ? e.addConst(twice, -1) : e.sub(twice, t.get(a - b));
        });
    }

    /** Element k of a basis from the elements before it, split as k = a + b. */
    private interface SplitStep {
        Value element(List<Value> basis, int a, int b);
    }

    /**
     * Elements 0 .. degree of a basis in u (index 0 is null, standing for 1; index 1 is u), element k from
     * {@code step} with a the largest power of two below k and b = k - a: both have depth at most ceil(log2 k) - 1,
     * so the basis has depth ceil(log2 degree).
     */
    private static List<Value> bySplitIndex(Value u, int degree, SplitStep step) {
        List<Value> basis = new ArrayList<>();
        basis.add(null);
        if (degree >= 1) {
            basis.add(u);
        }
        for (int k = 2; k <= degree; k++) {
            int a = Integer.highestOneBit(k - 1);
            basis.add(step.element(basis, a, k - a));
        }
        return basis;
    }

    /** sum c[k] * basis[k] with basis[0] = 1: local (products with public constants only). */
    static Value combine(Emitter e, List<Value> basis, double[] c) {
        Value acc = null;
        for (int k = 1; k < c.length; k++) {
            if (c[k] != 0) {
                Value term = c[k] == 1 ? basis.get(k) : e.mulConst(basis.get(k), c[k]);
                acc = acc == null ? term : e.add(acc, term);
            }
        }
        if (acc == null) {
            return e.constant(c.length == 0 ? 0 : c[0]);
        }
        return c[0] == 0 ? acc : e.addConst(acc, c[0]);
    }

    /**
     * Ltz of each of {@code xs} (all of the same shape) as ONE comparison over their stack, so that they share its
     * rounds: Unsqueeze each at axis 0, Concat, Ltz, Split, Squeeze.
     */
    static List<Value> ltzAll(Emitter e, int bits, List<Value> xs) {
        if (xs.size() == 1) {
            return List.of(e.ltz(xs.get(0), bits));
        }
        Value axis0 = e.graph().constant(LongTensor.of(Shape.of(1), 0));
        List<Value> stacked = xs.stream().map(x -> e.graph().op("Unsqueeze", x, axis0)).toList();
        Value all = e.ltz(e.concat(0, stacked), bits);
        List<Value> parts = e.graph().addNode("Split", List.of(all), xs.size(),
            Map.of("axis", Attribute.of("axis", 0L))).outputs();
        return parts.stream().map(part -> e.squeeze(part, 0)).toList();
    }

    /**
     * The part of {@code r} where {@link #below} with these thresholds decides every test correctly: each x - t
     * must fit the comparison width ({@link ComparisonBits#bound}). A width too small for the thresholds' spread is
     * an error naming it.
     */
    static Approximation.Range decided(Approximation.Range r, int bits, double... thresholds) {
        double bound = ComparisonBits.bound(bits);
        double lo = Math.max(r.lo(), Arrays.stream(thresholds).max().orElse(0) - bound);
        double hi = Math.min(r.hi(), Arrays.stream(thresholds).min().orElse(0) + bound);
        if (lo > hi) {
            throw new IllegalArgumentException("comparison width " + bits + " bits (|x| < " + bound + ") cannot "
                + "separate the thresholds " + Arrays.toString(thresholds));
        }
        return new Approximation.Range(lo, hi);
    }

    /** Ltz of {@code x - t} for each public threshold t, in one comparison. */
    static List<Value> below(Emitter e, int bits, Value x, double... thresholds) {
        return ltzAll(e, bits, Arrays.stream(thresholds).mapToObj(t -> t == 0 ? x : e.addConst(x, -t)).toList());
    }
}
