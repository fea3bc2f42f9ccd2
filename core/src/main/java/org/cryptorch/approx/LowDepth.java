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
        List<Value> p = new ArrayList<>();
        p.add(null);
        if (degree >= 1) {
            p.add(u);
        }
        for (int k = 2; k <= degree; k++) {
            int half = Integer.highestOneBit(k - 1);
            p.add(e.mul(p.get(half), p.get(k - half)));
        }
        return p;
    }

    /**
     * Chebyshev polynomials T_0(u) .. T_degree(u) (index 0 is null, standing for 1), by T_(a+b) = 2 T_a T_b - T_(a-b)
     * with a the largest power of two below k: depth ceil(log2 degree), and every T_k stays in [-1, 1] for u in
     * [-1, 1], which keeps high degrees safe in fixed point where monomial coefficients would cancel badly.
     */
    static List<Value> chebyshevBasis(Emitter e, Value u, int degree) {
        List<Value> t = new ArrayList<>();
        t.add(null);
        if (degree >= 1) {
            t.add(u);
        }
        for (int k = 2; k <= degree; k++) {
            int a = Integer.highestOneBit(k - 1);
            int b = k - a;
            Value twice = e.mulConst(e.mul(t.get(a), t.get(b)), 2);
            t.add(a == b ? e.addConst(twice, -1) : e.sub(twice, t.get(a - b)));
        }
        return t;
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
        Value[] stacked = new Value[xs.size()];
        for (int i = 0; i < xs.size(); i++) {
            stacked[i] = e.graph().op("Unsqueeze", xs.get(i), axis0);
        }
        Map<String, Attribute> onAxis0 = Map.of("axis", Attribute.of("axis", 0L));
        Value all = e.ltz(e.graph().op("Concat", onAxis0, stacked), bits);
        List<Value> parts = e.graph().addNode("Split", List.of(all), xs.size(), onAxis0).outputs();
        List<Value> out = new ArrayList<>();
        for (Value part : parts) {
            out.add(e.graph().op("Squeeze", part, axis0));
        }
        return out;
    }

    /** Ltz of {@code x - t} for each public threshold t, in one comparison. */
    static List<Value> below(Emitter e, int bits, Value x, double... thresholds) {
        return ltzAll(e, bits, Arrays.stream(thresholds).mapToObj(t -> t == 0 ? x : e.addConst(x, -t)).toList());
    }
}
