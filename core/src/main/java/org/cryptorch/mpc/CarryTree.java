package org.cryptorch.mpc;

import java.util.ArrayList;
import java.util.List;

/**
 * The shape of the circuit that computes the carry into bit {@code k-1} of the sum of two k-bit numbers (the
 * parties' shares): the {@code m = k-1} low bit positions are grouped into leaves of two bits (plus one single-bit
 * leaf on top when m is odd), and the leaves are merged in groups of up to four, one level per round, until two nodes remain.
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
     * Node counts entering each tree level, bottom-up, for every level but the last: each level merges groups of
     * up to four adjacent nodes (see {@link #groups}) until at most two nodes remain. The final merge of those two
     * is fused with the conversion of the sign bit to arithmetic shares (see {@link Comparison}).
     */
    List<Integer> innerLevels() {
        List<Integer> out = new ArrayList<>();
        for (int nodes = leaves(); nodes > 2; nodes = targetNodes(nodes)) {
            out.add(nodes);
        }
        return out;
    }

    /** Nodes after a level that starts with {@code nodes}: a quarter, but never fewer than the two the end needs. */
    static int targetNodes(int nodes) {
        return Math.max(2, (nodes + 3) / 4);
    }

    /**
     * The merge groups of a level that starts with {@code nodes} nodes, bottom-up, sizes as even as possible
     * (larger groups below) since the dealer's work grows fast with the group size. Only the lowest group's P is
     * never needed, as nothing lies below it.
     */
    static List<MergeGroup> groups(int nodes) {
        int target = targetNodes(nodes);
        List<MergeGroup> out = new ArrayList<>();
        for (int j = 0; j < target; j++) {
            out.add(new MergeGroup(nodes / target + (j < nodes % target ? 1 : 0), j > 0));
        }
        return out;
    }

    /** Bit planes one party opens in a level that starts with {@code nodes} nodes. */
    static int openedPlanes(int nodes) {
        return groups(nodes).stream().mapToInt(MergeGroup::openedCount).sum();
    }

    /** Derived planes (mask monomials) of a level that starts with {@code nodes} nodes. */
    static int derivedPlanes(int nodes) {
        return groups(nodes).stream().mapToInt(g -> g.monomials().length).sum();
    }
}
