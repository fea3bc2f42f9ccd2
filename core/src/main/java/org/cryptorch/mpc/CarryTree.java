package org.cryptorch.mpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shape of the circuit that computes the carry into bit {@code k-1} of the sum of two k-bit numbers (the
 * parties' shares): the {@code m = k-1} low bit positions are grouped into leaves of one to three bits, whose
 * (G, P) come out of the first round, and the leaves are merged in groups of up to four, one level per round,
 * until two nodes remain.
 * Shared by the protocol, its recipes and its cost function so the three cannot drift apart.
 */
record CarryTree(int bits) {
    /** Leaf and merge groups are immutable and few, so each (size, needsP) is built once; key 2*size + needsP. */
    private static final Map<Integer, LeafGroup> LEAVES = new ConcurrentHashMap<>();
    private static final Map<Integer, MergeGroup> MERGES = new ConcurrentHashMap<>();

    CarryTree {
        if (bits < 2 || bits > 64) {
            throw new IllegalArgumentException("comparison width must be between 2 and 64 bits, got " + bits);
        }
    }

    /** Bit positions below the sign bit: the carry into the sign bit depends on these only. */
    int lowBits() {
        return bits - 1;
    }

    /**
     * Sizes of the leaves, bottom-up. Leaves of up to {@link LeafGroup#MAX_SIZE} bits cost one round like single
     * bits, and larger leaves mean fewer tree nodes to merge (fewer bytes); but the dealer's work grows fast with
     * the leaf size. So leaves have two bits unless three are needed to save a round (sizes as even as possible,
     * larger ones below).
     */
    int[] leafSizes() {
        int m = lowBits();
        int fewest = (m + LeafGroup.MAX_SIZE - 1) / LeafGroup.MAX_SIZE;
        int capacity = 2;
        while (capacity < fewest) {
            capacity *= 4;
        }
        int leaves = Math.min((m + 1) / 2, capacity);
        int[] sizes = new int[leaves];
        for (int j = 0; j < leaves; j++) {
            sizes[j] = m / leaves + (j < m % leaves ? 1 : 0);
        }
        return sizes;
    }

    int leaves() {
        return leafSizes().length;
    }

    /** The leaves, bottom-up; only the lowest one's P is never needed. */
    List<LeafGroup> leafGroups() {
        List<LeafGroup> out = new ArrayList<>();
        int[] sizes = leafSizes();
        for (int j = 0; j < sizes.length; j++) {
            int key = 2 * sizes[j] + (j > 0 ? 1 : 0);
            out.add(LEAVES.computeIfAbsent(key, k -> new LeafGroup(k / 2, k % 2 == 1)));
        }
        return out;
    }

    /** Derived planes per element word for the leaves. */
    int leafDerivedPlanes() {
        return leafGroups().stream().mapToInt(g -> g.polynomials().dealerPlaneCount()).sum();
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
            int size = nodes / target + (j < nodes % target ? 1 : 0);
            int key = 2 * size + (j > 0 ? 1 : 0);
            out.add(MERGES.computeIfAbsent(key, k -> new MergeGroup(k / 2, k % 2 == 1)));
        }
        return out;
    }

    /** Bit planes one party opens in a level that starts with {@code nodes} nodes. */
    static int openedPlanes(int nodes) {
        return groups(nodes).stream().mapToInt(MergeGroup::openedCount).sum();
    }

    /** Derived planes (sums of mask products) of a level that starts with {@code nodes} nodes. */
    static int derivedPlanes(int nodes) {
        return groups(nodes).stream().mapToInt(g -> g.polynomials().dealerPlaneCount()).sum();
    }
}
