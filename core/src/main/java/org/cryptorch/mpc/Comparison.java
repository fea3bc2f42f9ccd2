package org.cryptorch.mpc;

import java.util.List;
import org.cryptorch.mpc.ComparisonRecipes.SignMask;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;

/**
 * Comparison with zero and what derives from it (ReLU, select, max) on additive shares in Z_2^64. Every method takes
 * and returns the calling party's share; both parties call the same methods in the same order.
 *
 * <p><b>Width contract.</b> A comparison on {@code bits} = k (2 <= k <= 64) looks only at the low k bits of the
 * shares and is correct for every x with -2^(k-1) <= x < 2^(k-1) (as a signed ring integer); for other x the result
 * is the sign of x mod 2^k read as a k-bit two's-complement number, i.e. unspecified. Callers choose k from a
 * bound on |x| (for fixed point: about log2(B * 2^f) + 2 bits for |x| < B).
 *
 * <p><b>Protocol.</b> {@link CarryCircuit} reduces the sign to s = c0 ^ (p1 & g0) on XOR shares (one round of
 * leaves, then one round per inner tree level); one more round evaluates that last AND and converts the result to
 * an arithmetic 0/1 share at once, from a dealer table (see {@link #sign}). To multiply the sign by a secret z, the
 * first round also opens eps = z - a for a dealer-provided a, so [x<0]*z costs no extra round. Costs are given by
 * {@link ComparisonCosts}.
 */
public final class Comparison {
    private Comparison() {
    }

    /** Shares of the integer 1 if x < 0 and 0 otherwise (not fixed-point scaled). */
    public static LongTensor ltz(Party p, LongTensor x, int bits) {
        return p.labelled("ltz", () -> new LongTensor(x.shape(), sign(p, x.data(), bits, null)));
    }

    /** Shares of the integer 1 if x >= 0 and 0 otherwise: 1 - ltz(x), at the same cost. */
    public static LongTensor geZero(Party p, LongTensor x, int bits) {
        long[] s = ltz(p, x, bits).data();
        long one = p.id() == 0 ? 1 : 0;
        for (int i = 0; i < s.length; i++) {
            s[i] = one - s[i];
        }
        return new LongTensor(x.shape(), s);
    }

    /** max(x, 0) = x - [x < 0] * x, for |x| < 2^(bits-1); same rounds as {@link #ltz}. */
    public static LongTensor relu(Party p, LongTensor x, int bits) {
        return p.labelled("relu", () -> new LongTensor(x.shape(), relu(p, x.data(), bits)));
    }

    private static long[] relu(Party p, long[] x, int bits) {
        long[] out = sign(p, x, bits, x);
        for (int i = 0; i < out.length; i++) {
            out[i] = x[i] - out[i];
        }
        return out;
    }

    /**
     * {@code cond ? x : y} element-wise, where {@code cond} holds shares of integers 0 or 1 (as returned by
     * {@link #ltz}): y + cond * (x - y), one Beaver multiplication (1 round).
     */
    public static LongTensor select(Party p, LongTensor cond, LongTensor x, LongTensor y) {
        requireSameShape("select", cond, x);
        requireSameShape("select", x, y);
        return p.labelled("select", () -> Arithmetic.add(y, Arithmetic.mul(p, cond, Arithmetic.sub(x, y))));
    }

    /**
     * Maximum along {@code axis} by a tree of max(a, b) = b + relu(a - b): all pairs of one level in one ReLU
     * batch, an odd last entry carried up: ceil(log2(dim)) ReLU batches, each in the rounds of one comparison.
     * The differences a - b must satisfy |a - b| < 2^(bits-1). With {@code keepDims} the axis stays with size 1,
     * otherwise it is removed.
     */
    public static LongTensor max(Party p, LongTensor x, int axis, int bits, boolean keepDims) {
        Shape shape = x.shape();
        int ax = shape.axis(axis);
        int[] dims = shape.dims();
        if (dims[ax] == 0) {
            throw new IllegalArgumentException("max along axis " + axis + " of shape " + shape + ": empty axis");
        }
        AxisLayout layout = new AxisLayout(shape.dims(), ax);
        long[] result = p.labelled("max", () -> {
            long[] cur = x.data().clone();
            for (int len = dims[ax]; len > 1; len = (len + 1) / 2) {
                cur = maxLevel(p, layout, cur, len, bits);
            }
            return cur;
        });
        dims[ax] = 1;
        return new LongTensor(keepDims ? Shape.of(dims) : layout.withoutAxis(), result);
    }

    /** Elements compared at each level of the max tree along {@code axis}: (size / dim) * floor(len / 2). */
    static List<Long> maxLevelSizes(Shape shape, int axis) {
        int dim = shape.dim(axis);
        long others = dim == 0 ? 0 : shape.size() / dim;
        List<Long> out = new java.util.ArrayList<>();
        for (int len = dim; len > 1; len = (len + 1) / 2) {
            out.add(others * (len / 2));
        }
        return out;
    }

    /** One level of the max tree: entries 2j and 2j+1 along the axis become entry j. */
    private static long[] maxLevel(Party p, AxisLayout layout, long[] cur, int len, int bits) {
        int pairs = len / 2;
        int next = (len + 1) / 2;
        int inner = layout.inner();
        long[] diff = new long[layout.outer() * pairs * inner];
        long[] second = new long[diff.length];
        for (int o = 0, k = 0; o < layout.outer(); o++) {
            for (int j = 0; j < pairs; j++) {
                int a = (o * len + 2 * j) * inner;
                int b = a + inner;
                for (int i = 0; i < inner; i++, k++) {
                    second[k] = cur[b + i];
                    diff[k] = cur[a + i] - cur[b + i];
                }
            }
        }
        long[] positive = relu(p, diff, bits);
        long[] out = new long[layout.outer() * next * inner];
        for (int o = 0, k = 0; o < layout.outer(); o++) {
            for (int j = 0; j < pairs; j++) {
                int at = (o * next + j) * inner;
                for (int i = 0; i < inner; i++, k++) {
                    out[at + i] = second[k] + positive[k];
                }
            }
            if (len % 2 == 1) {
                System.arraycopy(cur, (o * len + len - 1) * inner, out, (o * next + pairs) * inner, inner);
            }
        }
        return out;
    }

    /** A tensor seen as [outer, axis, inner] around one axis. */
    record AxisLayout(int[] dims, int axis) {
        int outer() {
            int n = 1;
            for (int i = 0; i < axis; i++) {
                n *= dims[i];
            }
            return n;
        }

        int inner() {
            int n = 1;
            for (int i = axis + 1; i < dims.length; i++) {
                n *= dims[i];
            }
            return n;
        }

        Shape withoutAxis() {
            int[] out = new int[dims.length - 1];
            for (int i = 0, k = 0; i < dims.length; i++) {
                if (i != axis) {
                    out[k++] = dims[i];
                }
            }
            return Shape.of(out);
        }
    }

    /**
     * Shares of [x < 0] (when {@code z} is null) or of [x < 0] * z. Takes the recipes of
     * {@link ComparisonRecipes#comparison} in order. The last round opens f = p1^U, g = g0^V and t = c0^R; then
     * s = t ^ q with q = R ^ ((f^U) & (g^V)), whose arithmetic shares the dealer tabulated for all four (f, g), so
     * s = t + (1-2t) * Q[f,g] and s*z = t*z + (1-2t) * (eps*Q[f,g] + Qa[f,g]) with eps = z - a.
     */
    static long[] sign(Party p, long[] x, int bits, long[] z) {
        int n = x.length;
        boolean product = z != null;
        List<Recipe> recipes = ComparisonRecipes.comparison(n, bits, product);
        long[][] mask = p.correlations().take(recipes.get(0));
        long[] eps = product ? new long[n] : new long[0];
        if (product) {
            long[] a = mask[SignMask.A];
            for (int i = 0; i < n; i++) {
                eps[i] = z[i] - a[i];
            }
        }
        long[] theirEps = new long[eps.length];
        CarryCircuit.FinalOperands ops = CarryCircuit.run(p, x, bits, recipes.subList(1, recipes.size()), eps,
            theirEps);
        int words = BitSlice.wordsFor(n);
        long[] sent = new long[3 * words];
        for (int i = 0; i < words; i++) {
            sent[i] = ops.p1()[i] ^ mask[SignMask.U][i];
            sent[words + i] = ops.g0()[i] ^ mask[SignMask.V][i];
            sent[2 * words + i] = ops.c0()[i] ^ mask[SignMask.R][i];
        }
        long[] got = p.exchange(sent);
        for (int i = 0; i < sent.length; i++) {
            got[i] ^= sent[i];
        }
        long[] q = mask[SignMask.Q];
        long[] out = new long[n];
        long own = p.id() == 0 ? 1 : 0;
        for (int w = 0; w < words; w++) {
            long f = got[w];
            long g = got[words + w];
            long t = got[2 * words + w];
            int base = w << 6;
            int end = Math.min(64, n - base);
            if (product) {
                long[] qa = mask[SignMask.QA];
                // t is public, so each party scales its own share of z by it.
                for (int b = 0, i = base; b < end; b++, i++) {
                    int entry = (int) (2 * (f >>> b & 1L) + (g >>> b & 1L)) * n + i;
                    long tb = t >>> b & 1L;
                    out[i] = tb * z[i] + (1 - 2 * tb) * ((eps[i] + theirEps[i]) * q[entry] + qa[entry]);
                }
            } else {
                for (int b = 0, i = base; b < end; b++, i++) {
                    int entry = (int) (2 * (f >>> b & 1L) + (g >>> b & 1L)) * n + i;
                    long tb = t >>> b & 1L;
                    out[i] = own * tb + (1 - 2 * tb) * q[entry];
                }
            }
        }
        return out;
    }

    private static void requireSameShape(String op, LongTensor a, LongTensor b) {
        if (!a.shape().equals(b.shape())) {
            throw new IllegalArgumentException(op + ": operand shapes " + a.shape() + " and " + b.shape() + " differ");
        }
    }
}
