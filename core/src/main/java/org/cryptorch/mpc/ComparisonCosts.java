package org.cryptorch.mpc;

import org.cryptorch.mpc.ComparisonRecipes.SignMask;
import org.cryptorch.tensor.Shape;

/**
 * Predicted costs of {@link Comparison}, from element counts and widths only. Binary traffic is bit-sliced, so a
 * plane of n elements is {@code ceil(n/64)} longs; with W = that many words and m = k-1:
 * <ul>
 *   <li>rounds: 1 (leaves) + one per inner tree level + 1 (last merge fused with the conversion): 2 for k <= 7,
 *       3 for k <= 25, 4 up to k = 64 (see {@link CarryTree});</li>
 *   <li>online bytes per party: 8W * (m + opened planes of the inner levels + 3), where a level opens 2g-1 planes
 *       per group of g >= 2 nodes, one fewer for its lowest group; plus 8n when the sign multiplies a secret
 *       (eps = z - a rides in the first round);</li>
 *   <li>offline bytes: 8W * (dealer planes of the leaves and the inner levels, see {@link MaskedPolynomials}) for
 *       the binary correlations, plus 32n for the four-entry arithmetic table of the last step and another 32n for its
 *       products with a when the sign multiplies a secret.</li>
 * </ul>
 */
public final class ComparisonCosts {
    private static final long WORD = 8;
    /** The last round opens masked P_1, G_0 and c0 (see {@link CarryCircuit}). */
    private static final int FINAL_PLANES = 3;

    private ComparisonCosts() {
    }

    public static Cost ltz(long n, int bits) {
        return sign(n, bits, false);
    }

    public static Cost geZero(long n, int bits) {
        return ltz(n, bits);
    }

    /** The sign times a secret of the same shape, in the rounds of the sign alone. */
    public static Cost signTimes(long n, int bits) {
        return sign(n, bits, true);
    }

    public static Cost relu(long n, int bits) {
        return signTimes(n, bits);
    }

    /** One Beaver multiplication. */
    public static Cost select(long n) {
        return ArithmeticCosts.mul(n);
    }

    /** One ReLU batch per tree level along the axis. */
    public static Cost max(Shape shape, int axis, int bits) {
        Cost total = Cost.FREE;
        for (long pairs : Comparison.maxLevelSizes(shape, axis)) {
            total = total.plus(relu(pairs, bits));
        }
        return total;
    }

    private static Cost sign(long n, int bits, boolean product) {
        CarryTree tree = new CarryTree(bits);
        long words = BitSlice.wordsFor(n);
        long opened = tree.lowBits() + FINAL_PLANES;
        long derived = tree.leafDerivedPlanes();
        for (int nodes : tree.innerLevels()) {
            opened += CarryTree.openedPlanes(nodes);
            derived += CarryTree.derivedPlanes(nodes);
        }
        long rounds = 2 + tree.innerLevels().size();
        long online = WORD * words * opened + (product ? WORD * n : 0);
        long offline = WORD * words * derived + WORD * n * SignMask.ENTRIES * (product ? 2 : 1);
        return Cost.symmetric(rounds, online, offline);
    }
}
