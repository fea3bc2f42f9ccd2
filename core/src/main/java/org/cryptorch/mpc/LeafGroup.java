package org.cryptorch.mpc;

import java.util.ArrayList;
import java.util.List;

/**
 * The (G, P) of a group of {@code size} adjacent bit positions (bits 0..q-1 of the group), straight from the first
 * round. With a and b the parties' private bits, g_i = a_i b_i and p_i = a_i ^ b_i,
 * <pre>
 *   G = XOR over i of a_i b_i AND_{j>i} (a_j ^ b_j),      P = AND_j (a_j ^ b_j)
 * </pre>
 * expand into XOR-of-AND polynomials in a and b (one term per choice of a_j or b_j in every factor). Party 0 opens
 * d = a ^ u and party 1 opens e = b ^ v, where u is known to party 0 only and v to party 1 only, so in the expansion
 * of {@link MaskedPolynomials} a product of u's (or of v's) alone is local and only mixed products u_W v_W' come
 * from the dealer. Variables: a_i is variable i (mask owned by party 0), b_i is variable q+i (party 1).
 */
final class LeafGroup {
    static final int MAX_SIZE = 3;

    private final int size;
    private final boolean needsP;
    private final MaskedPolynomials polynomials;

    LeafGroup(int size, boolean needsP) {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("leaf of " + size + " bits: must be 1 to " + MAX_SIZE);
        }
        this.size = size;
        this.needsP = needsP;
        List<Integer> gTerms = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int both = 1 << i | 1 << (size + i);
            gTerms.addAll(choices(i + 1, both));
        }
        List<int[]> outputs = new ArrayList<>();
        outputs.add(gTerms.stream().mapToInt(Integer::intValue).toArray());
        if (needsP) {
            outputs.add(choices(0, 0).stream().mapToInt(Integer::intValue).toArray());
        }
        MaskedPolynomials.MaskOwner[] owners = new MaskedPolynomials.MaskOwner[2 * size];
        for (int i = 0; i < size; i++) {
            owners[i] = MaskedPolynomials.MaskOwner.PARTY0;
            owners[size + i] = MaskedPolynomials.MaskOwner.PARTY1;
        }
        polynomials = new MaskedPolynomials(owners, outputs);
    }

    /** The terms prefix * AND_{j >= from} (a_j or b_j), one per choice. */
    private List<Integer> choices(int from, int prefix) {
        List<Integer> out = new ArrayList<>(List.of(prefix));
        for (int j = from; j < size; j++) {
            List<Integer> next = new ArrayList<>();
            for (int t : out) {
                next.add(t | 1 << j);
                next.add(t | 1 << (size + j));
            }
            out = next;
        }
        return out;
    }

    int size() {
        return size;
    }

    /** Whether the leaf's P is computed (an output after G); the lowest leaf's never is. */
    boolean needsP() {
        return needsP;
    }

    MaskedPolynomials polynomials() {
        return polynomials;
    }
}
