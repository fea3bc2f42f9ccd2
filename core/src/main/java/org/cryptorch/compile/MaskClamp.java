package org.cryptorch.compile;

import java.util.ArrayList;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.Value;
import org.cryptorch.tensor.FloatTensor;

/**
 * Clamps huge constants (attention masks of float32 min, -1e9 or -inf) to +-{@link #bound}(f) before lowering. They
 * only mean "excluded", but encoded as they are they would not fit the ring or would overflow the first product.
 * The bound 2^(31-f) (32768 at f = 16) is chosen so that the square of a clamped value, at the double scale 2f of
 * an untruncated product, still fits: (2^(31-f) * 2^f)^2 = 2^62 < 2^63. It stays far above every real activation
 * and above the -1e4 masks of common exports, which are therefore unchanged.
 */
final class MaskClamp {
    private MaskClamp() {
    }

    static double bound(int fractionalBits) {
        return Math.scalb(1.0, 31 - fractionalBits);
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

    private static boolean exceeds(FloatTensor t, double b) {
        for (double x : t.data()) {
            if (!(Math.abs(x) <= b)) {
                return true;
            }
        }
        return false;
    }
}
