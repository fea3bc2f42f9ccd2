package org.cryptorch.approx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
public final class LowDepth {
    private LowDepth() {
    }

    /**
     * u^0 .. u^degree (index 0 is null, standing for the constant 1). u^k for k in (2^(j-1), 2^j] is
     * u^(2^(j-1)) * u^(k - 2^(j-1)), two powers of depth at most j - 1, so depth is ceil(log2 degree) with
     * degree - 1 products.
     */
    public static List<Value> powers(Emitter e, Value u, int degree) {
        return bySplitIndex(u, degree, (p, a, b) -> e.mul(p.get(a), p.get(b)));
    }

    /**
     * Chebyshev polynomials T_0(u) .. T_degree(u) (index 0 is null, standing for 1), by T_(a+b) = 2 T_a T_b - T_(a-b)
     * with a the largest power of two below k: depth ceil(log2 degree), and every T_k stays in [-1, 1] for u in
     * [-1, 1], which keeps high degrees safe in fixed point where monomial coefficients would cancel badly.
     */
    public static List<Value> chebyshevBasis(Emitter e, Value u, int degree) {
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

    /**
     * c[0] + c[1] v + .. + c[n] v^n with few secret products at depth ceil(log2(n + 1)): up to degree 3 locally from
     * v, v^2, v^3; above, Low(v) + v^m High(v) with m = 3 up to degree 6 (one product more than the cubic) and the
     * largest power of two m <= n beyond, each part split again. Degree 6 takes 3 products (v^2, v^3, v^3 High)
     * where all powers would take 5; degree 12 takes 7.
     */
    public static Value polynomial(Emitter e, Value v, double[] c) {
        Map<Integer, Value> powers = new HashMap<>();
        powers.put(1, v);
        Value p = splitAt(e, powers, c, 0, c.length - 1);
        return p == null ? e.constant(0) : p;
    }

    /** c[lo] + c[lo + 1] v + .. + c[hi] v^(hi - lo), or null when all those coefficients are 0. */
    private static Value splitAt(Emitter e, Map<Integer, Value> powers, double[] c, int lo, int hi) {
        int n = hi - lo;
        if (n <= 3) {
            Value acc = null;
            for (int k = 1; k <= n; k++) {
                if (c[lo + k] != 0) {
                    Value term = e.mulConst(power(e, powers, k), c[lo + k]);
                    acc = acc == null ? term : e.add(acc, term);
                }
            }
            return c[lo] == 0 ? acc : acc == null ? e.constant(c[lo]) : e.addConst(acc, c[lo]);
        }
        int m = n <= 6 ? 3 : Integer.highestOneBit(n);
        Value low = splitAt(e, powers, c, lo, lo + m - 1);
        Value high = splitAt(e, powers, c, lo + m, hi);
        Value shifted = high == null ? null
            : hi == lo + m ? e.mulConst(power(e, powers, m), c[hi]) : e.mul(power(e, powers, m), high);
        return low == null ? shifted : shifted == null ? low : e.add(low, shifted);
    }

    /** v^k for k = 2, 3 or a power of two, computed once: v^2 = v v, v^3 = v v^2, v^2j = (v^j)^2. */
    private static Value power(Emitter e, Map<Integer, Value> powers, int k) {
        Value known = powers.get(k);
        if (known != null) {
            return known;
        }
        Value p = k == 3 ? e.mul(powers.get(1), power(e, powers, 2)) : e.square(power(e, powers, k / 2));
        powers.put(k, p);
        return p;
    }

    /**
     * a[0] b[0] + a[1] b[1] + .. as ONE element-wise product of the stacked a's and b's (summed over the stack), so
     * the products share one layer of the schedule even when some factors are ready earlier than others.
     */
    public static Value sumOfProducts(Emitter e, List<Value> a, List<Value> b) {
        return e.reduceSum(e.mul(stack(e, a), stack(e, b)), 0, false);
    }

    /**
     * sum_i [x < t_i] z_i as ONE comparison of the stacked x - t_i times the stacked z_i, which the lowering fuses
     * into the comparison ({@code ltz_times}: no product round of its own, 8 bytes per element instead of 16). The
     * z_i must be ready before the comparison starts.
     */
    public static Value belowTimes(Emitter e, int bits, Value x, double[] thresholds, List<Value> z) {
        return e.reduceSum(e.mul(e.ltz(stack(e, minus(e, x, thresholds)), bits), stack(e, z)), 0, false);
    }

    /** The values (of one shape) stacked along a new axis 0. */
    private static Value stack(Emitter e, List<Value> xs) {
        Value axis0 = e.graph().constant(LongTensor.of(Shape.of(1), 0));
        return e.concat(0, xs.stream().map(x -> e.graph().op("Unsqueeze", x, axis0)).toList());
    }

    /** sum c[k] * basis[k] with basis[0] = 1: local (products with public constants only). */
    public static Value combine(Emitter e, List<Value> basis, double[] c) {
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
    public static List<Value> ltzAll(Emitter e, int bits, List<Value> xs) {
        if (xs.size() == 1) {
            return List.of(e.ltz(xs.get(0), bits));
        }
        Value all = e.ltz(stack(e, xs), bits);
        List<Value> parts = e.graph().addNode("Split", List.of(all), xs.size(),
            Map.of("axis", Attribute.of("axis", 0L))).outputs();
        return parts.stream().map(part -> e.squeeze(part, 0)).toList();
    }

    /**
     * The part of {@code r} where {@link #below} with these thresholds decides every test correctly: each x - t
     * must fit the comparison width ({@link ComparisonBits#bound}). A width too small for the thresholds' spread is
     * an error naming it.
     */
    public static Approximation.Range decided(Approximation.Range r, int bits, double... thresholds) {
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
    public static List<Value> below(Emitter e, int bits, Value x, double... thresholds) {
        return ltzAll(e, bits, minus(e, x, thresholds));
    }

    /** x - t for each threshold t (x itself for 0). */
    private static List<Value> minus(Emitter e, Value x, double... thresholds) {
        return Arrays.stream(thresholds).mapToObj(t -> t == 0 ? x : e.addConst(x, -t)).toList();
    }
}
