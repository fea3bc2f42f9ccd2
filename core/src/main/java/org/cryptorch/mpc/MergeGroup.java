package org.cryptorch.mpc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The merge of {@code size} adjacent carry-lookahead nodes (numbered 0..size-1 from the bottom) into one node in a
 * single round:
 * <pre>
 *   G = G_{g-1} ^ P_{g-1}G_{g-2} ^ P_{g-1}P_{g-2}G_{g-3} ^ ... ^ P_{g-1}...P_1 G_0,     P = P_{g-1}...P_0
 * </pre>
 * Every bit that enters a product (P_1..P_{g-1}, G_0..G_{g-2}, and P_0 when P is needed) is opened once, masked by
 * a random XOR-shared bit m. A product of opened bits f_x ^ m_x expands to the XOR over subsets S of its variables
 * of (AND of f outside S) & m_S, so each party computes its share from the public f, its shares of the single masks,
 * and its shares of the mask monomials m_S with |S| >= 2, which the dealer derives. G_{g-1} enters linearly and is
 * never opened. A group of one node passes through unchanged.
 *
 * <p>Opened bits per group: 2g-1, or 2g-2 when P is not needed (the lowest group of a level); the monomials are
 * listed by {@link #monomials()}.
 */
final class MergeGroup {
    private final int size;
    private final boolean needsP;
    /** Opened variables: position i holds code c, meaning P_c for c < size and G_{c-size} otherwise. */
    private final int[] opened;
    /** Per product term, the set of opened positions it multiplies (bit i = position i); the P term is last. */
    private final int[] terms;
    /** The subsets (as position bit sets) whose mask products the dealer provides, ascending. */
    private final int[] monomials;
    /** monomialIndex[S] = index of S in {@link #monomials}, or -1. */
    private final int[] monomialIndex;

    MergeGroup(int size, boolean needsP) {
        if (size < 1 || size > 4) {
            throw new IllegalArgumentException("merge group of " + size + " nodes: must be 1 to 4");
        }
        this.size = size;
        this.needsP = needsP;
        List<Integer> vars = new ArrayList<>();
        if (size > 1) {
            for (int i = needsP ? 0 : 1; i < size; i++) {
                vars.add(i);
            }
            for (int i = 0; i < size - 1; i++) {
                vars.add(size + i);
            }
        }
        opened = vars.stream().mapToInt(Integer::intValue).toArray();
        List<Integer> ts = new ArrayList<>();
        if (size > 1) {
            for (int i = 0; i < size - 1; i++) {
                int t = bitOf(size + i);
                for (int j = i + 1; j < size; j++) {
                    t |= bitOf(j);
                }
                ts.add(t);
            }
            if (needsP) {
                int t = 0;
                for (int j = 0; j < size; j++) {
                    t |= bitOf(j);
                }
                ts.add(t);
            }
        }
        terms = ts.stream().mapToInt(Integer::intValue).toArray();
        TreeSet<Integer> monos = new TreeSet<>();
        for (int t : terms) {
            for (int s = t; s != 0; s = (s - 1) & t) {
                if (Integer.bitCount(s) >= 2) {
                    monos.add(s);
                }
            }
        }
        monomials = monos.stream().mapToInt(Integer::intValue).toArray();
        monomialIndex = new int[1 << opened.length];
        Arrays.fill(monomialIndex, -1);
        for (int i = 0; i < monomials.length; i++) {
            monomialIndex[monomials[i]] = i;
        }
    }

    /** The position of variable code {@code code} among the opened bits, as a one-bit set. */
    private int bitOf(int code) {
        for (int i = 0; i < opened.length; i++) {
            if (opened[i] == code) {
                return 1 << i;
            }
        }
        throw new IllegalStateException("variable " + code + " is not opened");
    }

    int size() {
        return size;
    }

    boolean needsP() {
        return needsP;
    }

    int openedCount() {
        return opened.length;
    }

    int[] monomials() {
        return monomials;
    }

    /** Node index (0..size-1) whose bit is opened at position {@code i}, and whether it is that node's P. */
    int openedNode(int i) {
        return opened[i] < size ? opened[i] : opened[i] - size;
    }

    boolean openedIsP(int i) {
        return opened[i] < size;
    }

    /**
     * This party's shares of the merged G and P for one word, from the opened bits {@code f}, its shares of the
     * single masks {@code m} (indexed by position) and of the monomials {@code mono} (indexed like
     * {@link #monomials}), the own share {@code gTop} of G_{size-1}, and {@code one}: all ones for party 0 and zero
     * for party 1 (the constant monomial m_{} = 1 belongs to one party). Returns {G, P} in {@code out}.
     */
    void evaluate(long[] f, long[] m, long[] mono, long gTop, long one, long[] out) {
        long g = gTop;
        long p = 0;
        for (int k = 0; k < terms.length; k++) {
            int t = terms[k];
            long acc = 0;
            // every subset s of t, including the empty one
            int s = t;
            while (true) {
                long coef = -1L;
                for (int rest = t & ~s; rest != 0; rest &= rest - 1) {
                    coef &= f[Integer.numberOfTrailingZeros(rest)];
                }
                long share = switch (Integer.bitCount(s)) {
                    case 0 -> one;
                    case 1 -> m[Integer.numberOfTrailingZeros(s)];
                    default -> mono[monomialIndex[s]];
                };
                acc ^= coef & share;
                if (s == 0) {
                    break;
                }
                s = (s - 1) & t;
            }
            if (needsP && k == terms.length - 1) {
                p = acc;
            } else {
                g ^= acc;
            }
        }
        out[0] = g;
        out[1] = p;
    }
}
