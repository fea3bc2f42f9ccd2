package org.cryptorch.compile;

import java.util.ArrayList;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.UnsupportedModelException;
import org.cryptorch.ir.Value;
import org.cryptorch.tensor.FixedPoint;
import org.cryptorch.tensor.FloatTensor;

/**
 * Clamps huge constants (attention masks of float32 min, -1e9 or -inf) to +-{@link #bound}(f) before lowering. They
 * only mean "excluded", but encoded as they are they would not fit the ring or would overflow the first product.
 * The bound 2^(31-f) (32768 at f = 16) is chosen so that the square of a clamped value, at the double scale 2f of
 * an untruncated product, still fits: (2^(31-f) * 2^f)^2 = 2^62 < 2^63. It stays far above every real activation
 * and above the -1e4 masks of common exports, which are therefore unchanged.
 *
 * <p>A weight is not a mask: clamping one would change the model's answer without a word (and make the clamped
 * copy public), so a weight beyond the bound is refused ({@link #checkWeights}) unless the elements beyond it are
 * mask sentinels (at most {@link #MASK_SENTINEL}, such as -inf or float32 min).
 */
final class MaskClamp {
    private MaskClamp() {
    }

    /** Constants at or below this mean "excluded" (attention masks): -1e9, float32 min, -inf. */
    static final double MASK_SENTINEL = -1e9;

    static double bound(int fractionalBits) {
        return FixedPoint.headroom(fractionalBits);
    }

    /** Replaces, in place, every float constant operand with an element beyond the bound by a clamped copy. */
    static void apply(Graph g, int fractionalBits) {
        double b = bound(fractionalBits);
        for (Node n : new ArrayList<>(g.nodes())) {
            for (Value v : n.inputs()) {
                if (v != null && v.isConstant() && v.constant() instanceof FloatTensor t && exceeds(t, b)) {
                    g.replaceAllUses(v, g.constant(v.name() + "_clamped", t.map(x -> Math.max(-b, Math.min(b, x)))));
                }
            }
        }
    }

    /**
     * Refuses every weight of {@code g} (as {@link Weights} defines them) with an element beyond the bound that is
     * not a mask sentinel, naming the weight, the element and its value.
     */
    static void checkWeights(Graph g, int fractionalBits) {
        double b = bound(fractionalBits);
        Weights weights = Weights.of(g);
        for (Node n : g.nodes()) {
            for (Value v : n.inputs()) {
                if (v != null && v.isConstant() && weights.isWeight(v.constant())) {
                    double[] data = ((FloatTensor) v.constant()).data();
                    for (int i = 0; i < data.length; i++) {
                        if (!(Math.abs(data[i]) <= b) && !(data[i] <= MASK_SENTINEL)) {
                            throw new UnsupportedModelException("weight '" + v.name() + "' element " + i + " is "
                                + data[i] + ", beyond +-" + (long) b + " (the fixed-point range at " + fractionalBits
                                + " fractional bits); it would wrap in the ring");
                        }
                    }
                }
            }
        }
    }

    private static boolean exceeds(FloatTensor t, double b) {
        for (double x : t.data()) {
            if (!(Math.abs(x) <= b)) {
                return true;
            }
        }
        return false;
    }
}
