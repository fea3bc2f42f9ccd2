package org.cryptorch.mpc;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary part of comparison with zero: from arithmetic shares x0, x1 of x (|x| < 2^(k-1)), reduces the sign bit
 * of x0 + x1 mod 2^k to s = c0 ^ (p1 & g0) for XOR-shared bits c0, p1, g0, bit-sliced (one plane each, 64 elements
 * per long).
 *
 * <p>Let a and b be the low k bits of x0 and x1, held privately by party 0 and party 1. The sign is
 * a_{k-1} ^ b_{k-1} ^ c, where c is the carry into bit k-1, i.e. the generate bit G of the whole range of bits
 * [0, k-1) in the carry-lookahead algebra (G, P) = (G_hi ^ P_hi&G_lo, P_hi&P_lo).
 *
 * <p><b>Round 1 (leaves).</b> Party 0 opens d = a^u and party 1 opens e = b^v for the k-1 low bits, with masks u, v
 * each known to one party only. The generate and propagate bits of a group of up to three bit positions are
 * polynomials in a and b; substituting a = d^u, b = e^v splits every term into parts one party computes alone
 * (the public d, e and its own masks) and mixed mask products u_W v_W' that the dealer provides as XOR shares
 * (see {@link LeafGroup}). For two bits, for example, G = a1b1 ^ a1a0b0 ^ a0b1b0 and
 * P = a1a0 ^ b1b0 ^ a1b0 ^ a0b1 need the four dealer planes u1v1 ^ u1u0v0 ^ u0v1v0, u0v0, u1v0 and u0v1. So the
 * round that a textbook circuit spends on the generate bits a_j b_j already yields the (G, P) of whole groups,
 * replacing the first one or two levels of the tree.
 *
 * <p><b>Rounds 2.. (tree).</b> Groups of up to four adjacent nodes are merged at once, all groups of one level in
 * one round, by opening each bit that enters a product once, masked (see {@link MergeGroup}); radix four halves the
 * rounds of a binary tree and opens fewer bits per node removed (7 per 3 instead of 3 per 1). This goes on until
 * two nodes remain; the sign is then s = c0 ^ (p1 & g0) with p1 = P_1, g0 = G_0, c0 = G_1 ^ a_{k-1} ^ b_{k-1},
 * and that last AND is left to the caller, which fuses it with the conversion to arithmetic shares. (With a
 * single leaf, p1 = g0 = 0 and c0 = G_0 ^ a_{k-1} ^ b_{k-1}.)
 */
final class CarryCircuit {
    private final Party party;
    private final CarryTree tree;
    private final int words;

    private CarryCircuit(Party party, int bits, int n) {
        this.party = party;
        this.tree = new CarryTree(bits);
        this.words = BitSlice.wordsFor(n);
    }

    /** This party's XOR shares (one plane each) of the operands of the last step: s = c0 ^ (p1 & g0). */
    record FinalOperands(long[] p1, long[] g0, long[] c0) {
    }

    /**
     * Runs the leaves and the inner tree levels on this party's {@code share}, looking at its low {@code bits} bits.
     *
     * @param recipes the leaf and level recipes of {@link ComparisonRecipes#comparison}, without the sign mask
     * @param piggyback words to send in the first round (may be empty)
     * @param piggybackIn receives the other party's piggyback words
     */
    static FinalOperands run(Party party, long[] share, int bits, List<Recipe> recipes, long[] piggyback,
                             long[] piggybackIn) {
        return new CarryCircuit(party, bits, share.length).run(share, recipes, piggyback, piggybackIn);
    }

    private FinalOperands run(long[] share, List<Recipe> recipes, long[] piggyback, long[] piggybackIn) {
        long[][] leafMasks = party.correlations().take(recipes.get(0));
        int nodes = tree.leaves();
        long[] g = new long[nodes * words];
        long[] p = new long[nodes * words];
        leaves(share, leafMasks, piggyback, piggybackIn, g, p);
        int level = 1;
        for (int levelNodes : tree.innerLevels()) {
            long[][] merged = merge(levelNodes, g, p, party.correlations().take(recipes.get(level++)));
            g = merged[0];
            p = merged[1];
            nodes = CarryTree.targetNodes(levelNodes);
        }
        long[] c0 = BitSlice.plane(share, tree.lowBits());
        long[] p1 = new long[words];
        long[] g0 = new long[words];
        int upper = (nodes - 1) * words;
        for (int i = 0; i < words; i++) {
            c0[i] ^= g[upper + i];
        }
        if (nodes == 2) {
            System.arraycopy(p, words, p1, 0, words);
            System.arraycopy(g, 0, g0, 0, words);
        }
        return new FinalOperands(p1, g0, c0);
    }

    private void leaves(long[] share, long[][] masks, long[] piggyback, long[] piggybackIn, long[] g, long[] p) {
        int low = tree.lowBits() * words;
        long[] r = masks[party.id()];
        long[] planes = masks[2];
        long[] sent = new long[low + piggyback.length];
        BitSlice.maskedPlanes(share, tree.lowBits(), r, sent);
        System.arraycopy(piggyback, 0, sent, low, piggyback.length);
        long[] got = party.exchange(sent);
        System.arraycopy(got, low, piggybackIn, 0, piggybackIn.length);
        long[] d = party.id() == 0 ? sent : got;
        long[] e = party.id() == 0 ? got : sent;
        // variables a_0..a_{q-1} then b_0..b_{q-1}; this party holds the masks of its own half only
        int ownHalf = party.id() == 0 ? 0 : 1;
        Map<LeafGroup, MaskedPolynomials.Block> blocks = new IdentityHashMap<>();
        int bit = 0;
        int planeBase = 0;
        int node = 0;
        for (LeafGroup leaf : tree.leafGroups()) {
            int q = leaf.size();
            MaskedPolynomials.Block block = blocks.computeIfAbsent(leaf,
                l -> l.polynomials().partyBlock(party.id(), words));
            int count = leaf.polynomials().dealerPlaneCount();
            for (int from = 0; from < words; from += PlaneRows.BLOCK) {
                for (int j = 0; j < q; j++) {
                    int at = (bit + j) * words + from;
                    block.opened(j, d, at);
                    block.opened(q + j, e, at);
                    block.mask(ownHalf * q + j, r, at);
                }
                for (int j = 0; j < count; j++) {
                    block.plane(j, planes, (planeBase + j) * words + from);
                }
                block.output(0, g, node * words + from);
                if (leaf.needsP()) {
                    block.output(1, p, node * words + from);
                }
                block.evaluate(Math.min(PlaneRows.BLOCK, words - from));
            }
            bit += q;
            planeBase += count;
            node++;
        }
    }

    /**
     * One tree level: each group of adjacent nodes (see {@link CarryTree#groups}) becomes one node. Returns the new
     * G and P planes.
     */
    private long[][] merge(int nodes, long[] g, long[] p, long[][] masks) {
        long[] m = masks[0];
        long[] planes = masks[1];
        List<MergeGroup> groups = CarryTree.groups(nodes);
        long[] sent = new long[m.length];
        int start = 0;
        int openBase = 0;
        for (MergeGroup group : groups) {
            for (int k = 0; k < group.openedCount(); k++) {
                long[] source = group.openedIsP(k) ? p : g;
                int from = (start + group.openedNode(k)) * words;
                int at = (openBase + k) * words;
                for (int i = 0; i < words; i++) {
                    sent[at + i] = source[from + i] ^ m[at + i];
                }
            }
            start += group.size();
            openBase += group.openedCount();
        }
        long[] opened = party.exchange(sent);
        for (int i = 0; i < opened.length; i++) {
            opened[i] ^= sent[i];
        }
        long[] newG = new long[groups.size() * words];
        long[] newP = new long[groups.size() * words];
        Map<MergeGroup, MaskedPolynomials.Block> blocks = new IdentityHashMap<>();
        start = 0;
        openBase = 0;
        int planeBase = 0;
        for (int j = 0; j < groups.size(); j++) {
            MergeGroup group = groups.get(j);
            int top = (start + group.size() - 1) * words;
            int at = j * words;
            if (group.size() == 1) {
                System.arraycopy(g, top, newG, at, words);
                System.arraycopy(p, top, newP, at, words);
            } else {
                MaskedPolynomials.Block block = blocks.computeIfAbsent(group,
                    k -> k.polynomials().partyBlock(party.id(), words));
                evaluateGroup(group, block, opened, m, openBase, planes, planeBase, newG, newP, at);
                // G_{size-1} enters the merged G linearly
                for (int i = 0; i < words; i++) {
                    newG[at + i] ^= g[top + i];
                }
            }
            start += group.size();
            openBase += group.openedCount();
            planeBase += group.polynomials().dealerPlaneCount();
        }
        return new long[][] {newG, newP};
    }

    /** The product terms of one merge group's G and P (P only if needed), block by block, into plane {@code at}. */
    private void evaluateGroup(MergeGroup group, MaskedPolynomials.Block block, long[] opened, long[] m, int openBase,
                               long[] planes, int planeBase, long[] newG, long[] newP, int at) {
        int count = group.polynomials().dealerPlaneCount();
        for (int from = 0; from < words; from += PlaneRows.BLOCK) {
            for (int k = 0; k < group.openedCount(); k++) {
                int row = (openBase + k) * words + from;
                block.opened(k, opened, row);
                block.mask(k, m, row);
            }
            for (int k = 0; k < count; k++) {
                block.plane(k, planes, (planeBase + k) * words + from);
            }
            block.output(0, newG, at + from);
            if (group.needsP()) {
                block.output(1, newP, at + from);
            }
            block.evaluate(Math.min(PlaneRows.BLOCK, words - from));
        }
    }
}
