package org.cryptorch.mpc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
 * <p>Opened bits per group: 2g-1, or 2g-2 when P is not needed (the lowest group of a level). The dealer's mask
 * products are built by {@link MaskedPolynomials}.
 */
final class MergeGroup {
    private final int size;
    private final boolean needsP;
    /** Opened variables: position i holds code c, meaning P_c for c < size and G_{c-size} otherwise. */
    private final int[] opened;
    private final MaskedPolynomials polynomials;

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
        int[] gTerms = new int[Math.max(0, size - 1)];
        for (int i = 0; i < size - 1; i++) {
            int t = bitOf(size + i);
            for (int j = i + 1; j < size; j++) {
                t |= bitOf(j);
            }
            gTerms[i] = t;
        }
        List<int[]> outputs = new ArrayList<>(List.of(gTerms));
        if (needsP && size > 1) {
            int t = 0;
            for (int j = 0; j < size; j++) {
                t |= bitOf(j);
            }
            outputs.add(new int[] {t});
        }
        MaskedPolynomials.MaskOwner[] owners = new MaskedPolynomials.MaskOwner[opened.length];
        Arrays.fill(owners, MaskedPolynomials.MaskOwner.SHARED);
        polynomials = new MaskedPolynomials(owners, outputs);
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

    /** The products of one group the dealer's planes are made of (see {@link MaskedPolynomials}). */
    MaskedPolynomials polynomials() {
        return polynomials;
    }

    /** Node index (0..size-1) whose bit is opened at position {@code i}, and whether it is that node's P. */
    int openedNode(int i) {
        return opened[i] < size ? opened[i] : opened[i] - size;
    }

    boolean openedIsP(int i) {
        return opened[i] < size;
    }
}
