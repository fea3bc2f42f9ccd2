package org.cryptorch.mpc;

import java.util.List;

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
 * each known to one party only. For a two-bit group (bits 1, 0) the group's generate and propagate bits are
 * polynomials in a and b, G = a1b1 ^ a1a0b0 ^ a0b1b0 and P = a1a0 ^ b1b0 ^ a1b0 ^ a0b1. Substituting a = d^u,
 * b = e^v splits every term into parts one party can compute (its own bits, its own mask, the opened d and e)
 * and mask cross terms that the dealer provides as XOR shares:
 * <pre>
 *   G = r1o1 ^ x1x0o0 ^ o1o0r0 (each party: x own bits, r own mask, o opened by the other) ^ d1e1 (party 0 only)
 *       ^ Z ^ (d1^e1)W00 ^ d0W10 ^ e0W01
 *   P = x1x0 ^ r1o0 ^ r0o1 (each party) ^ d1e0 ^ d0e1 (party 0 only) ^ W10 ^ W01
 * </pre>
 * with Z = u1v1 ^ u1u0v0 ^ u0v1v0, W00 = u0v0, W10 = u1v0, W01 = u0v1. So one round and one opened bit per bit
 * position yield the (G, P) of two-bit groups directly, saving the first level of the usual tree. A single
 * leftover bit gets G = a&b the same way (a private AND) and P = a^b, which is already XOR-shared.
 *
 * <p><b>Rounds 2.. (tree).</b> Groups of up to four adjacent nodes are merged at once, all groups of one level in
 * one round, by opening each bit that enters a product once, masked (see {@link MergeGroup}); radix four halves the
 * rounds of a binary tree and opens fewer bits per node removed (7 per 3 instead of 3 per 1). This goes on until
 * two nodes remain; the sign is then
 * s = c0 ^ (p1 & g0) with p1 = P_1, g0 = G_0, c0 = G_1 ^ a_{k-1} ^ b_{k-1}, and that last AND is left to the caller, which fuses it
 * with the conversion to arithmetic shares. (With a single leaf, p1 = g0 = 0 and c0 = G_0 ^ a_{k-1} ^ b_{k-1}.)
 */
final class CarryCircuit {
    private final Party party;
    private final CarryTree tree;
    private final int words;
    /** All ones for party 0 and zero for party 1: public terms are added by party 0 only. */
    private final long publicTerm;

    private CarryCircuit(Party party, int bits, int n) {
        this.party = party;
        this.tree = new CarryTree(bits);
        this.words = BitSlice.wordsFor(n);
        this.publicTerm = party.id() == 0 ? -1L : 0L;
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
        long[] own = BitSlice.planes(share, tree.bits());
        long[][] leafMasks = party.correlations().take(recipes.get(0));
        int nodes = tree.leaves();
        long[] g = new long[nodes * words];
        long[] p = new long[nodes * words];
        leaves(own, leafMasks, piggyback, piggybackIn, g, p);
        int level = 1;
        for (int levelNodes : tree.innerLevels()) {
            long[][] merged = merge(levelNodes, g, p, party.correlations().take(recipes.get(level++)));
            g = merged[0];
            p = merged[1];
            nodes = CarryTree.targetNodes(levelNodes);
        }
        int top = tree.lowBits() * words;
        long[] c0 = new long[words];
        long[] p1 = new long[words];
        long[] g0 = new long[words];
        int upper = (nodes - 1) * words;
        for (int i = 0; i < words; i++) {
            c0[i] = own[top + i] ^ g[upper + i];
        }
        if (nodes == 2) {
            System.arraycopy(p, words, p1, 0, words);
            System.arraycopy(g, 0, g0, 0, words);
        }
        return new FinalOperands(p1, g0, c0);
    }

    private void leaves(long[] x, long[][] masks, long[] piggyback, long[] piggybackIn, long[] g, long[] p) {
        int low = tree.lowBits() * words;
        long[] r = masks[party.id()];
        long[] cross = masks[2];
        long[] sent = new long[low + piggyback.length];
        for (int i = 0; i < low; i++) {
            sent[i] = x[i] ^ r[i];
        }
        System.arraycopy(piggyback, 0, sent, low, piggyback.length);
        long[] got = party.exchange(sent);
        System.arraycopy(got, low, piggybackIn, 0, piggybackIn.length);
        long[] d = party.id() == 0 ? sent : got;
        long[] e = party.id() == 0 ? got : sent;
        for (int c = 0; c < tree.pairLeaves(); c++) {
            int lo = 2 * c * words;
            int hi = lo + words;
            int z = 4 * c * words;
            int node = c * words;
            for (int i = 0; i < words; i++) {
                long x0 = x[lo + i];
                long x1 = x[hi + i];
                long r0 = r[lo + i];
                long r1 = r[hi + i];
                long o0 = got[lo + i];
                long o1 = got[hi + i];
                long d0 = d[lo + i];
                long d1 = d[hi + i];
                long e0 = e[lo + i];
                long e1 = e[hi + i];
                long w10 = cross[z + 2 * words + i];
                long w01 = cross[z + 3 * words + i];
                g[node + i] = r1 & o1 ^ x1 & x0 & o0 ^ o1 & o0 & r0 ^ publicTerm & d1 & e1
                    ^ cross[z + i] ^ (d1 ^ e1) & cross[z + words + i] ^ d0 & w10 ^ e0 & w01;
                p[node + i] = x1 & x0 ^ r1 & o0 ^ r0 & o1 ^ publicTerm & (d1 & e0 ^ d0 & e1) ^ w10 ^ w01;
            }
        }
        if (tree.hasSingleLeaf()) {
            int bit = (tree.lowBits() - 1) * words;
            int z = 4 * tree.pairLeaves() * words;
            int node = tree.pairLeaves() * words;
            for (int i = 0; i < words; i++) {
                g[node + i] = r[bit + i] & got[bit + i] ^ publicTerm & d[bit + i] & e[bit + i] ^ cross[z + i];
                p[node + i] = x[bit + i];
            }
        }
    }

    /**
     * One tree level: each group of adjacent nodes (see {@link CarryTree#groups}) becomes one node. Returns the new
     * G and P planes.
     */
    private long[][] merge(int nodes, long[] g, long[] p, long[][] masks) {
        long[] m = masks[0];
        long[] mono = masks[1];
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
        long[] f = new long[8];
        long[] mine = new long[8];
        long[] monoWord = new long[32];
        long[] out = new long[2];
        start = 0;
        openBase = 0;
        int monoBase = 0;
        for (int j = 0; j < groups.size(); j++) {
            MergeGroup group = groups.get(j);
            int top = (start + group.size() - 1) * words;
            int at = j * words;
            if (group.size() == 1) {
                System.arraycopy(g, top, newG, at, words);
                System.arraycopy(p, top, newP, at, words);
            }
            int monos = group.monomials().length;
            for (int i = 0; group.size() > 1 && i < words; i++) {
                for (int k = 0; k < group.openedCount(); k++) {
                    f[k] = opened[(openBase + k) * words + i];
                    mine[k] = m[(openBase + k) * words + i];
                }
                for (int k = 0; k < monos; k++) {
                    monoWord[k] = mono[(monoBase + k) * words + i];
                }
                group.evaluate(f, mine, monoWord, g[top + i], publicTerm, out);
                newG[at + i] = out[0];
                newP[at + i] = out[1];
            }
            start += group.size();
            openBase += group.openedCount();
            monoBase += monos;
        }
        return new long[][] {newG, newP};
    }
}
