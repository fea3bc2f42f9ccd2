package org.cryptorch.mpc;

import java.util.ArrayList;
import java.util.List;

/**
 * The shape of the circuit that computes the carry into bit {@code k-1} of the sum of two k-bit numbers (the
 * parties' shares): the {@code m = k-1} low bit positions are grouped into leaves of two bits (plus one single-bit
 * leaf on top when m is odd), and the leaves are merged pairwise, one level per round, until one node remains.
 * Shared by the protocol, its recipes and its cost function so the three cannot drift apart.
 */
record CarryTree(int bits) {
    CarryTree {
        if (bits < 2 || bits > 64) {
            throw new IllegalArgumentException("comparison width must be between 2 and 64 bits, got " + bits);
        }
    }

    /** Bit positions below the sign bit: the carry into the sign bit depends on these only. */
    int lowBits() {
        return bits - 1;
    }

    int pairLeaves() {
        return lowBits() / 2;
    }

    boolean hasSingleLeaf() {
        return lowBits() % 2 == 1;
    }

    int leaves() {
        return pairLeaves() + (hasSingleLeaf() ? 1 : 0);
    }

    /** Derived planes per element word for the leaves: four per two-bit leaf, one for a single-bit leaf. */
    int leafDerivedPlanes() {
        return 4 * pairLeaves() + (hasSingleLeaf() ? 1 : 0);
    }

    /**
     * Merges per level, bottom-up. At each level node {@code 2j+1} is merged over node {@code 2j}; an odd last node
     * moves up unchanged.
     */
    List<Integer> pairsPerLevel() {
        List<Integer> out = new ArrayList<>();
        for (int nodes = leaves(); nodes > 1; nodes = (nodes + 1) / 2) {
            out.add(nodes / 2);
        }
        return out;
    }

    /**
     * Bit planes one party opens in a level with {@code pairs} merges: P_hi and G_lo for every merge, P_lo for all
     * but the lowest (whose propagate bit is never needed, since nothing lies below it).
     */
    static int openedPlanes(int pairs) {
        return 3 * pairs - 1;
    }

    /** Derived planes of a level: P_hi AND G_lo for every merge, P_hi AND P_lo for all but the lowest. */
    static int derivedPlanes(int pairs) {
        return 2 * pairs - 1;
    }
}
