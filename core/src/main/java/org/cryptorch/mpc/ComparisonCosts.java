package org.cryptorch.mpc;

import org.cryptorch.tensor.Shape;

/**
 * Predicted costs of {@link Comparison}, from element counts and widths only. Binary traffic is bit-sliced, so a
 * plane of n elements is {@code ceil(n/64)} longs; with W = that many words and m = k-1:
 * <ul>
 *   <li>rounds: 1 (leaves) + ceil(log2(ceil(m/2))) (tree levels) + 1 (opening the masked sign);</li>
 *   <li>online bytes per party: 8W * (m + sum over levels of (3*pairs - 1) + 1), plus 8n when the sign multiplies a
 *       secret (eps = z - a rides in the first round);</li>
 *   <li>offline bytes: 8W * (4*floor(m/2) + (m mod 2) + sum over levels of (2*pairs - 1)) for the binary
 *       triples, plus 8n for the arithmetic copy of the mask bit and another 8n for r*a with a product.</li>
 * </ul>
 */
public final class ComparisonCosts {
    private static final long WORD = 8;

    private ComparisonCosts() {
    }

    public static Cost ltz(long n, int bits) {
        return sign(n, bits, false);
    }

    public static Cost geZero(long n, int bits) {
        return ltz(n, bits);
    }

    public static Cost ltzTimes(long n, int bits) {
        return sign(n, bits, true);
    }

    public static Cost relu(long n, int bits) {
        return ltzTimes(n, bits);
    }

    /** One Beaver multiplication. */
    public static Cost select(long n) {
        return ArithmeticCosts.mul(n);
    }

    /** One ReLU batch per tree level along the axis. */
    public static Cost max(Shape shape, int axis, int bits) {
        int[] dims = shape.dims();
        int ax = shape.axis(axis);
        long others = shape.size() / Math.max(1, dims[ax]);
        Cost total = Cost.FREE;
        for (int len = dims[ax]; len > 1; len = (len + 1) / 2) {
            total = total.plus(relu(others * (len / 2), bits));
        }
        return total;
    }

    private static Cost sign(long n, int bits, boolean product) {
        CarryTree tree = new CarryTree(bits);
        long words = BitSlice.wordsFor(n);
        long opened = tree.lowBits() + 1;
        long derived = tree.leafDerivedPlanes();
        for (int pairs : tree.pairsPerLevel()) {
            opened += CarryTree.openedPlanes(pairs);
            derived += CarryTree.derivedPlanes(pairs);
        }
        long rounds = 2 + tree.pairsPerLevel().size();
        long online = WORD * words * opened + (product ? WORD * n : 0);
        long offline = WORD * words * derived + WORD * n * (product ? 2 : 1);
        return Cost.symmetric(rounds, online, offline);
    }
}
