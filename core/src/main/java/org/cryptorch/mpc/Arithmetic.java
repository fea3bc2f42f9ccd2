package org.cryptorch.mpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BinaryOperator;
import org.cryptorch.tensor.FixedPoint;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;

/**
 * Arithmetic protocols on additive shares in Z_2^64. A secret x is held as two {@link LongTensor}s x0 (party 0) and
 * x1 (party 1) with x = x0 + x1 mod 2^64; every method here takes and returns the calling party's share. Both
 * parties call the same methods in the same order with shares of the same shapes. Costs are given by
 * {@link ArithmeticCosts}; each protocol labels its traffic with the name used there.
 */
public final class Arithmetic {
    /** Bias that moves every x in [-2^62, 2^62) into [0, 2^63) for the dealer-assisted truncation. */
    private static final long TRUNCATION_BIAS = 1L << 62;

    private Arithmetic() {
    }

    // ---- input and output ----

    /** Shares the caller's own {@code value}; the other party calls {@link #receiveInput} at the same point. */
    public static LongTensor provideInput(Party p, LongTensor value) {
        return p.labelled("input", () -> {
            LongTensor mask = new LongTensor(value.shape(),
                p.correlations().take(ArithmeticRecipes.inputMask(p.id(), value.size()))[0]);
            p.sendRound(value.sub(mask).data());
            return mask;
        });
    }

    /**
     * Shares a secret of {@code owner} (a weight) under the session-fixed mask {@code id} ({@link FixedMask}): like an
     * input, the owner sends W - B, but B is the owner's fixed mask, so W - B is also the opened value that every
     * later product with this operand uses instead of opening it again. Same cost as an input. The owner passes its
     * value, the other party null; the owner's FixedMask keeps that value (not a copy) for its products.
     */
    public static Operand shareWithFixedMask(Party p, int owner, int id, LongTensor valueOrNull, Shape shape) {
        ArithmeticCosts.checkParty("owner", owner);
        return p.labelled("input", () -> {
            int n = shape.size();
            long[] mask = p.correlations().fixedMask(owner, id, n);
            if (p.id() != owner) {
                LongTensor opened = new LongTensor(shape, p.receiveRound(n));
                return new Operand(opened, new FixedMask(owner, id, opened));
            }
            if (valueOrNull == null || !valueOrNull.shape().equals(shape)) {
                throw new IllegalArgumentException("the owner of fixed mask " + id + " must pass a value of shape "
                    + shape + ", got " + (valueOrNull == null ? "none" : valueOrNull.shape()));
            }
            LongTensor share = new LongTensor(shape, mask);
            p.sendRound(valueOrNull.sub(share).data());
            return new Operand(share, new FixedMask(owner, id, valueOrNull));
        });
    }

    /**
     * A secret operand of a product: this party's share, and the {@link FixedMask} it was shared under (null for an
     * operand that each product masks afresh).
     */
    public record Operand(LongTensor share, FixedMask mask) {
        public static Operand fresh(LongTensor share) {
            return new Operand(share, null);
        }

        public Shape shape() {
            return share.shape();
        }

        boolean fixed() {
            return mask != null;
        }

        FixedMask.Key maskKey() {
            return mask == null ? null : mask.key();
        }
    }

    /** This party's share of an input of the given shape that the other party shares with {@link #provideInput}. */
    public static LongTensor receiveInput(Party p, Shape shape) {
        return p.labelled("input", () -> {
            int n = shape.size();
            p.correlations().take(ArithmeticRecipes.inputMask(1 - p.id(), n));
            return new LongTensor(shape, p.receiveRound(n));
        });
    }

    /** Opens the secret to both parties. */
    public static LongTensor revealToBoth(Party p, LongTensor share) {
        return p.labelled("reveal", () -> share.add(new LongTensor(share.shape(), p.exchange(share.data()))));
    }

    /** Opens the secret to party {@code receiver} only; the other party gets an empty result. */
    public static Optional<LongTensor> revealTo(Party p, int receiver, LongTensor share) {
        ArithmeticCosts.checkParty("receiver", receiver);
        return p.labelled("reveal", () -> {
            long[] mine = share.data();
            if (p.id() != receiver) {
                p.sendRound(mine);
                return Optional.empty();
            }
            return Optional.of(share.add(new LongTensor(share.shape(), p.receiveRound(mine.length))));
        });
    }

    // ---- local linear operations (no communication; numpy broadcasting) ----

    public static LongTensor add(LongTensor x, LongTensor y) {
        return x.add(y);
    }

    public static LongTensor sub(LongTensor x, LongTensor y) {
        return x.sub(y);
    }

    public static LongTensor neg(LongTensor x) {
        return x.neg();
    }

    /**
     * Adds a public constant: only party 0 adds it, so the secret moves by exactly c; party 1 only broadcasts its
     * share so that both shares keep the same shape.
     */
    public static LongTensor addPublic(Party p, LongTensor x, LongTensor c) {
        Shape out = Shape.broadcast(x.shape(), c.shape());
        return p.id() == 0 ? x.add(c) : x.broadcastTo(out);
    }

    /** Multiplies by a public ring integer (no truncation). */
    public static LongTensor mulPublic(LongTensor x, long c) {
        return x.mulScalar(c);
    }

    /** Multiplies element-wise by a public ring tensor (no truncation). */
    public static LongTensor mulPublic(LongTensor x, LongTensor c) {
        return x.mul(c);
    }

    /**
     * Multiplies a fixed-point secret by the public real {@code c}, encoded with the party's fractional bits, and
     * truncates the product back to that scale.
     */
    public static LongTensor mulPublicFixed(Party p, LongTensor x, double c, Truncation mode) {
        int f = p.fractionalBits();
        return truncate(p, x.mulScalar(FixedPoint.encode(c, f)), f, mode);
    }

    // ---- products with Beaver triples (one round each) ----

    /** Element-wise product of two secrets of the same shape (ring product, no truncation). */
    public static LongTensor mul(Party p, LongTensor x, LongTensor y) {
        requireSameShape("mul", x, y);
        return p.labelled("mul", () -> {
            int n = x.size();
            long[][] t = p.correlations().take(ArithmeticRecipes.triple(n));
            long[] a = t[0];
            long[] b = t[1];
            long[] z = t[2];
            long[] xs = x.data();
            long[] ys = y.data();
            long[] mine = new long[2 * n];
            for (int i = 0; i < n; i++) {
                mine[i] = xs[i] - a[i];
                mine[n + i] = ys[i] - b[i];
            }
            long[] theirs = p.exchange(mine);
            // z_i = c_i + e*y_i + a_i*d sums to ab + (x-a)y + a(y-b) = xy, with e = x-a and d = y-b opened.
            for (int i = 0; i < n; i++) {
                long e = mine[i] + theirs[i];
                long d = mine[n + i] + theirs[n + i];
                z[i] += e * ys[i] + a[i] * d;
            }
            return new LongTensor(x.shape(), z);
        });
    }

    /** x*x, opening only e = x-a: z_i = c_i + e*(x_i + a_i) sums to a^2 + (x-a)(x+a) = x^2. */
    public static LongTensor square(Party p, LongTensor x) {
        return p.labelled("square", () -> {
            int n = x.size();
            long[][] t = p.correlations().take(ArithmeticRecipes.squarePair(n));
            long[] a = t[0];
            long[] z = t[1];
            long[] xs = x.data();
            long[] mine = new long[n];
            for (int i = 0; i < n; i++) {
                mine[i] = xs[i] - a[i];
            }
            long[] theirs = p.exchange(mine);
            for (int i = 0; i < n; i++) {
                z[i] += (mine[i] + theirs[i]) * (xs[i] + a[i]);
            }
            return new LongTensor(x.shape(), z);
        });
    }

    /** Batched matrix product with numpy semantics ([..., m, k] x [..., k, n], batch axes broadcast). */
    public static LongTensor matmul(Party p, LongTensor x, LongTensor y) {
        return matmuls(p, List.of(x), List.of(y)).get(0);
    }

    /**
     * Several independent matrix products xs[i] * ys[i] in the one round of a single product: all openings travel
     * in one message (see {@link ArithmeticCosts#matmuls}).
     */
    public static List<LongTensor> matmuls(Party p, List<LongTensor> xs, List<LongTensor> ys) {
        return matmulOperands(p, xs.stream().map(Operand::fresh).toList(), ys.stream().map(Operand::fresh).toList());
    }

    /**
     * {@link #matmuls} where operands shared under a {@link FixedMask} keep it: only the other operands are opened
     * (see {@link ArithmeticCosts#matmuls(List, List, List, List)}).
     */
    public static List<LongTensor> matmulOperands(Party p, List<Operand> xs, List<Operand> ys) {
        if (xs.size() != ys.size()) {
            throw new IllegalArgumentException("matmuls: " + xs.size() + " left and " + ys.size() + " right operands");
        }
        // The triples' recipes check the shapes, so both parties fail alike before any traffic.
        List<Recipe> triples = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            Operand x = xs.get(i);
            Operand y = ys.get(i);
            triples.add(ArithmeticRecipes.matmulTriple(x.shape(), y.shape(), x.maskKey(), y.maskKey()));
        }
        return p.labelled("matmul", () -> bilinear(p, triples, xs, ys, LongTensor::matmul));
    }

    /** 2-D convolution of an NCHW secret with OIHW secret weights (pads: top, left, bottom, right). */
    public static LongTensor conv2d(Party p, LongTensor x, LongTensor w, int[] strides, int[] pads,
                                    int[] dilations, int groups) {
        return conv2d(p, Operand.fresh(x), Operand.fresh(w), strides, pads, dilations, groups);
    }

    /** {@link #conv2d(Party, LongTensor, LongTensor, int[], int[], int[], int)} keeping operands' fixed masks. */
    public static LongTensor conv2d(Party p, Operand x, Operand w, int[] strides, int[] pads, int[] dilations,
                                    int groups) {
        Recipe triple = ArithmeticRecipes.conv2dTriple(x.shape(), w.shape(), strides, pads, dilations, groups,
            x.maskKey(), w.maskKey());
        return p.labelled("conv2d", () -> bilinear(p, List.of(triple), List.of(x), List.of(w),
            (u, v) -> u.conv2d(v, strides, pads, dilations, groups)).get(0));
    }

    /**
     * Bilinear products x*y with triples (a, b, c = a*b), all in one round. A product of two fresh operands opens
     * e = x-a and d = y-b to both, and z_i = c_i + e*y_i + a_i*d sums to ab + (x-a)y + a(y-b) = xy with two local
     * products per party. An operand with a {@link FixedMask} is never opened: its mask B is the triple's and its
     * W - B = F is public since setup. A product of two such operands opens nothing (e and d are the F's, a_i is B for
     * its owner and 0 for the other). A product with exactly one runs {@link #oneSided}.
     */
    private static List<LongTensor> bilinear(Party p, List<Recipe> triples, List<Operand> xs, List<Operand> ys,
                                             BinaryOperator<LongTensor> product) {
        int pairs = xs.size();
        long[][][] t = new long[pairs][][];
        BilinearMasks[] masks = new BilinearMasks[pairs];
        int mineWords = 0;
        int theirWords = 0;
        for (int k = 0; k < pairs; k++) {
            t[k] = p.correlations().take(triples.get(k));
            masks[k] = BilinearMasks.of(xs.get(k).maskKey(), ys.get(k).maskKey());
            mineWords += sentWords(p.id(), masks[k], xs.get(k), ys.get(k));
            theirWords += sentWords(1 - p.id(), masks[k], xs.get(k), ys.get(k));
        }
        long[] mine = new long[mineWords];
        for (int k = 0, at = 0; k < pairs; k++) {
            Operand x = xs.get(k);
            Operand y = ys.get(k);
            if (sentWords(p.id(), masks[k], x, y) == 0) {
                continue;
            }
            if (!x.fixed()) {
                at = masked(x.share().data(), t[k][masks[k].freshX()], mine, at);
            }
            if (!y.fixed()) {
                at = masked(y.share().data(), t[k][masks[k].freshY()], mine, at);
            }
        }
        // Products whose operands all have fixed masks open nothing and take no round.
        long[] theirs = mineWords + theirWords == 0 ? mine : p.exchange(mine, theirWords);
        List<LongTensor> out = new ArrayList<>();
        for (int k = 0, myAt = 0, theirAt = 0; k < pairs; k++) {
            Operand x = xs.get(k);
            Operand y = ys.get(k);
            LongTensor z = masks[k].oneSided()
                ? oneSided(p, t[k], masks[k], x, y, theirs, theirAt, product)
                : twoSided(p, t[k], masks[k], x, y, mine, myAt, theirs, theirAt, product);
            myAt += sentWords(p.id(), masks[k], x, y);
            theirAt += sentWords(1 - p.id(), masks[k], x, y);
            long[] zs = z.data();
            long[] c = t[k][masks[k].c()];
            for (int i = 0; i < zs.length; i++) {
                zs[i] += c[i];
            }
            out.add(z);
        }
        return out;
    }

    /** Words {@code sender} sends for one product: its fresh operands, except the owner in a one-sided product. */
    private static int sentWords(int sender, BilinearMasks masks, Operand x, Operand y) {
        if (masks.oneSided() && sender == masks.fixedOwner()) {
            return 0;
        }
        return openedWords(x) + openedWords(y);
    }

    /** e*y_i + a_i*d (without c) of a product whose fresh operands are opened to both (see {@link #bilinear}). */
    private static LongTensor twoSided(Party p, long[][] t, BilinearMasks masks, Operand x, Operand y, long[] mine,
                                       int myAt, long[] theirs, int theirAt, BinaryOperator<LongTensor> product) {
        LongTensor e = x.fixed() ? x.mask().opened(p, x.share())
            : openedTensor(mine, myAt, theirs, theirAt, x.shape());
        int next = openedWords(x);
        LongTensor d = y.fixed() ? y.mask().opened(p, y.share())
            : openedTensor(mine, myAt + next, theirs, theirAt + next, y.shape());
        if (x.fixed() && p.id() != x.mask().owner()) {
            return product.apply(e, y.share()); // its share of x's fixed mask is zero, and so is a_i * d
        }
        LongTensor a = x.fixed() ? x.mask().maskShare(p, x.share()) : new LongTensor(x.shape(), t[masks.freshX()]);
        if (y.fixed() && p.id() != y.mask().owner()) {
            return product.apply(e.add(a), d); // its share of y is F = d: one product instead of two
        }
        long[] ey = product.apply(e, y.share()).data();
        LongTensor ad = product.apply(a, d);
        long[] z = ad.data();
        for (int i = 0; i < z.length; i++) {
            z[i] += ey[i];
        }
        return ad;
    }

    /**
     * A product X*W (or W*X) where only W has a fixed mask, owned by o; the triple's A is known in full to the other
     * party n (and to the dealer, which never sees F or X). n sends m = x_n - A, uniform because A is, and o sends
     * nothing. o, which knows W = B + F, sets z_o = c_o + (x_o + m)*W; n sets z_n = c_n + A*F, which does not depend
     * on the input. The sum is AB + (X - A)(B + F) + AF = XW: one local product per party instead of two.
     * Returns the product without c.
     */
    private static LongTensor oneSided(Party p, long[][] t, BilinearMasks masks, Operand x, Operand y, long[] theirs,
                                       int theirAt, BinaryOperator<LongTensor> product) {
        boolean weightLeft = x.fixed();
        Operand weight = weightLeft ? x : y;
        Operand input = weightLeft ? y : x;
        // o multiplies X - A by W, n multiplies A by F
        LongTensor u;
        LongTensor w;
        if (p.id() == weight.mask().owner()) {
            u = openedTensor(input.share().data(), 0, theirs, theirAt, input.shape());
            w = weight.mask().secret(p);
        } else {
            u = new LongTensor(input.shape(), t[weightLeft ? masks.freshY() : masks.freshX()]);
            w = weight.mask().opened(p, weight.share());
        }
        return weightLeft ? product.apply(w, u) : product.apply(u, w);
    }

    private static int openedWords(Operand o) {
        return o.fixed() ? 0 : o.share().size();
    }

    /** Writes v - mask into {@code into} from {@code at}; returns the position after it. */
    private static int masked(long[] v, long[] mask, long[] into, int at) {
        for (int i = 0; i < v.length; i++) {
            into[at + i] = v[i] - mask[i];
        }
        return at + v.length;
    }

    /** The sum of {@code shape.size()} words of mine from myAt and of theirs from theirAt. */
    private static LongTensor openedTensor(long[] mine, int myAt, long[] theirs, int theirAt, Shape shape) {
        long[] out = new long[shape.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = mine[myAt + i] + theirs[theirAt + i];
        }
        return new LongTensor(shape, out);
    }

    // ---- truncation ----

    /** Divides a secret by 2^bits with the chosen protocol; see {@link Truncation} for the error bounds. */
    public static LongTensor truncate(Party p, LongTensor x, int bits, Truncation mode) {
        return switch (mode) {
            case LOCAL -> truncateLocal(p, x, bits);
            case DEALER -> truncateWithDealer(p, x, bits);
        };
    }

    /**
     * SecureML truncation without communication: party 0 computes x0 >> bits, party 1 computes -((-x1) >> bits).
     * Correct up to +1 ulp unless x0 and -x1 straddle the signed overflow boundary, which a uniform share does
     * with probability |x|/2^64.
     */
    public static LongTensor truncateLocal(Party p, LongTensor x, int bits) {
        checkShift(bits);
        long[] a = x.data();
        long[] out = new long[a.length];
        if (p.id() == 0) {
            for (int i = 0; i < out.length; i++) {
                out[i] = a[i] >> bits;
            }
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = -(-a[i] >> bits);
            }
        }
        return new LongTensor(x.shape(), out);
    }

    /**
     * One-round truncation with a dealer pair (r, r>>>bits, msb(r)), valid for x in [-2^62, 2^62). With the bias
     * x' = x + 2^62 in [0, 2^63), the parties open c = x' + r (uniform). Then x' = c - r + w*2^64 with the wrap bit
     * w = msb(r)*(1 - msb(c)), because x' + r can only wrap when r >= 2^63 and then wraps exactly when the sum
     * lands below 2^63. Hence (c>>>f) - (r>>>f) + w*2^(64-f) equals floor(x'/2^f) + [c mod 2^f < r mod 2^f], and
     * subtracting 2^(62-f) gives floor(x/2^f) + {0 or 1}: the +1 occurs with probability (x mod 2^f)/2^f, so the
     * result is x/2^f rounded stochastically without bias.
     */
    public static LongTensor truncateWithDealer(Party p, LongTensor x, int bits) {
        checkShift(bits);
        return p.labelled("trunc_dealer", () -> {
            int n = x.size();
            long[][] t = p.correlations().take(ArithmeticRecipes.truncationPair(n, bits));
            long[] r = t[0];
            long[] rHigh = t[1];
            long[] rMsb = t[2];
            long[] xs = x.data();
            long bias = p.id() == 0 ? TRUNCATION_BIAS : 0;
            long[] mine = new long[n];
            for (int i = 0; i < n; i++) {
                mine[i] = xs[i] + bias + r[i];
            }
            long[] theirs = p.exchange(mine);
            long[] out = rHigh;
            int wrapShift = 64 - bits;
            long publicOffset = p.id() == 0 ? 1 : 0;
            long unbias = TRUNCATION_BIAS >>> bits;
            for (int i = 0; i < n; i++) {
                long c = mine[i] + theirs[i];
                long cHighBitClear = 1 - (c >>> 63);
                long wrap = rMsb[i] * cHighBitClear;
                out[i] = publicOffset * ((c >>> bits) - unbias) - rHigh[i] + (wrap << wrapShift);
            }
            return new LongTensor(x.shape(), out);
        });
    }

    // ---- checks ----

    static void checkShift(int bits) {
        if (bits < 1 || bits > 62) {
            throw new IllegalArgumentException("truncation by " + bits + " bits: must be between 1 and 62");
        }
    }

    private static void requireSameShape(String op, LongTensor x, LongTensor y) {
        if (!x.shape().equals(y.shape())) {
            throw new IllegalArgumentException(op + ": operand shapes " + x.shape() + " and " + y.shape()
                + " differ");
        }
    }
}
