package org.cryptorch.mpc;

import java.util.List;

/**
 * The binary part of comparison with zero: from arithmetic shares x0, x1 of x (|x| < 2^(k-1)), computes XOR shares of
 * the sign bit of x0 + x1 mod 2^k, bit-sliced (one plane, 64 elements per long).
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
 * <p><b>Rounds 2.. (tree).</b> Adjacent nodes are merged pairwise, all merges of one level in one round, using AND
 * triples that share the operand P_hi: each merge opens P_hi^U, G_lo^V1 and, except for the lowest merge (whose P
 * is never used), P_lo^V2.
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

    /**
     * This party's XOR share of the sign planes of {@code share} on {@code bits} bits.
     *
     * @param recipes the leaf and level recipes of {@link ComparisonRecipes#comparison}, without the sign mask
     * @param piggyback words to send in the first round (may be empty)
     * @param piggybackIn receives the other party's piggyback words
     */
    static long[] signShare(Party party, long[] share, int bits, List<Recipe> recipes, long[] piggyback,
                            long[] piggybackIn) {
        CarryCircuit c = new CarryCircuit(party, bits, share.length);
        long[] own = BitSlice.planes(share, bits);
        long[] carry = c.carry(own, recipes, piggyback, piggybackIn);
        int top = c.tree.lowBits() * c.words;
        for (int i = 0; i < c.words; i++) {
            carry[i] ^= own[top + i];
        }
        return carry;
    }

    private long[] carry(long[] own, List<Recipe> recipes, long[] piggyback, long[] piggybackIn) {
        long[][] leafMasks = party.correlations().take(recipes.get(0));
        int nodes = tree.leaves();
        long[] g = new long[nodes * words];
        long[] p = new long[nodes * words];
        leaves(own, leafMasks, piggyback, piggybackIn, g, p);
        int level = 1;
        for (int pairs : tree.pairsPerLevel()) {
            long[][] masks = party.correlations().take(recipes.get(level++));
            merge(pairs, nodes, g, p, masks);
            nodes = (nodes + 1) / 2;
        }
        return java.util.Arrays.copyOf(g, words);
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
     * One tree level: node 2j+1 merged over node 2j into node j; an odd last node moves to index {@code pairs}.
     * Updating in place is safe: everything read from nodes 2j is in {@code sent} before any node is overwritten,
     * and node j is written only after node 2j+1 >= j has been read.
     */
    private void merge(int pairs, int nodes, long[] g, long[] p, long[][] masks) {
        long[] u = masks[0];
        long[] v1 = masks[1];
        long[] v2 = masks[2];
        long[] w1 = masks[3];
        long[] w2 = masks[4];
        int all = pairs * words;
        long[] sent = new long[CarryTree.openedPlanes(pairs) * words];
        for (int j = 0; j < pairs; j++) {
            int hi = (2 * j + 1) * words;
            int lo = 2 * j * words;
            int at = j * words;
            for (int i = 0; i < words; i++) {
                sent[at + i] = p[hi + i] ^ u[at + i];
                sent[all + at + i] = g[lo + i] ^ v1[at + i];
            }
            if (j > 0) {
                int upper = 2 * all + (j - 1) * words;
                for (int i = 0; i < words; i++) {
                    sent[upper + i] = p[lo + i] ^ v2[at - words + i];
                }
            }
        }
        long[] got = party.exchange(sent);
        for (int j = 0; j < pairs; j++) {
            int hi = (2 * j + 1) * words;
            int at = j * words;
            for (int i = 0; i < words; i++) {
                long f = sent[at + i] ^ got[at + i];
                long h = sent[all + at + i] ^ got[all + at + i];
                g[at + i] = g[hi + i] ^ publicTerm & f & h ^ f & v1[at + i] ^ u[at + i] & h ^ w1[at + i];
            }
            if (j > 0) {
                int upper = 2 * all + (j - 1) * words;
                for (int i = 0; i < words; i++) {
                    long f = sent[at + i] ^ got[at + i];
                    long h = sent[upper + i] ^ got[upper + i];
                    p[at + i] = publicTerm & f & h ^ f & v2[at - words + i] ^ u[at + i] & h ^ w2[at - words + i];
                }
            }
        }
        if (nodes % 2 == 1) {
            int last = (nodes - 1) * words;
            System.arraycopy(g, last, g, all, words);
            System.arraycopy(p, last, p, all, words);
        }
    }
}
