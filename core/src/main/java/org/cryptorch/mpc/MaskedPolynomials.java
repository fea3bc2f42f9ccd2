package org.cryptorch.mpc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Evaluates XOR-of-AND polynomials in secret bits y_x on XOR shares, after one round in which every y_x was opened
 * masked: f_x = y_x ^ m_x is public. A term (a product over a variable set t) expands as
 * <pre>
 *   AND_{x in t} (f_x ^ m_x) = XOR over subsets W of t of  (AND_{x in t\W} f_x) & m_W,   m_W = AND_{x in W} m_x
 * </pre>
 * so the result is XOR-shared once each party holds shares of every mask product m_W that occurs: the constant
 * m_{} = 1 belongs to party 0; a product of masks all owned by one party is that party's to compute (the other
 * holds zero); a single XOR-shared mask is its own share; every other product is provided by the dealer. Dealer
 * products that enter every output with the same public coefficient are summed into one plane by the dealer, so
 * each distinct coefficient costs one plane.
 *
 * <p>Variables are indexed 0..n-1 (n <= 8), sets are bit masks over them.
 */
final class MaskedPolynomials {
    /** Who holds a variable's mask. */
    enum MaskOwner { PARTY0, PARTY1, SHARED }

    /** One summand of an output: (XOR over {@code coefficients} of AND of f over the set) & source (products W). */
    private record Entry(int[] coefficients, int source, int products) {
        /** False when the source is zero for {@code party}: the constant for party 1, or the other's masks. */
        boolean concerns(int party, MaskOwner[] owners) {
            if (source == CONSTANT) {
                return party == 0;
            }
            if (source >= 0) {
                return true;
            }
            MaskOwner other = party == 0 ? MaskOwner.PARTY1 : MaskOwner.PARTY0;
            return owners[Integer.numberOfTrailingZeros(products)] != other;
        }
    }

    /** Source codes: >= 0 a dealer plane, CONSTANT, or SINGLE_MASK - x, or PRODUCT - W for a local mask product. */
    private static final int CONSTANT = -1;
    private static final int SINGLE_MASK = -2;
    private static final int PRODUCT = -100;

    /** Per dealer plane, the mask products it sums. */
    private final List<int[]> dealerPlanes = new ArrayList<>();
    private final int variables;
    private final int outputCount;
    /**
     * Per party, the summands it evaluates, flattened as (output, source, coefficient count, coefficients...):
     * summands whose source is the other party's mask product (zero for this party) or the constant (party 0's)
     * are left out.
     */
    private final int[][] plans = new int[2][];
    /**
     * The sets whose f-products (index 0) and own-mask products (index 1, 2 for party 0, 1) the plans read, closed
     * under dropping the lowest variable and ascending, so each is one AND away from an earlier one.
     */
    private final int[][] productOrder = new int[3][];

    /**
     * @param owners the owner of each variable's mask
     * @param outputs per output, its terms as variable sets
     */
    MaskedPolynomials(MaskOwner[] owners, List<int[]> outputs) {
        if (owners.length > 8) {
            throw new IllegalArgumentException("at most 8 variables, got " + owners.length);
        }
        this.variables = owners.length;
        int count = outputs.size();
        this.outputCount = count;
        // For every mask product W, its coefficient polynomial in each output (sets of f-monomials, XOR-cancelled).
        Map<Integer, List<TreeSet<Integer>>> bySource = new LinkedHashMap<>();
        for (int o = 0; o < count; o++) {
            for (int t : outputs.get(o)) {
                for (int w = t; ; w = (w - 1) & t) {
                    List<TreeSet<Integer>> coef = bySource.computeIfAbsent(w, k -> newCoefficients(count));
                    if (!coef.get(o).remove(t & ~w)) {
                        coef.get(o).add(t & ~w);
                    }
                    if (w == 0) {
                        break;
                    }
                }
            }
        }
        List<List<Entry>> entries = new ArrayList<>();
        for (int o = 0; o < count; o++) {
            entries.add(new ArrayList<>());
        }
        Map<List<TreeSet<Integer>>, Integer> planeBySignature = new HashMap<>();
        List<List<Integer>> planeMembers = new ArrayList<>();
        for (Map.Entry<Integer, List<TreeSet<Integer>>> e : bySource.entrySet()) {
            int w = e.getKey();
            List<TreeSet<Integer>> coef = e.getValue();
            if (coef.stream().allMatch(TreeSet::isEmpty)) {
                continue;
            }
            int source;
            if (w == 0) {
                source = CONSTANT;
            } else if (Integer.bitCount(w) == 1 && !needsDealer(w, owners)) {
                source = SINGLE_MASK - Integer.numberOfTrailingZeros(w);
            } else if (needsDealer(w, owners)) {
                Integer plane = planeBySignature.get(coef);
                if (plane != null) {
                    planeMembers.get(plane).add(w);
                    continue;
                }
                source = planeMembers.size();
                planeBySignature.put(coef, source);
                planeMembers.add(new ArrayList<>(List.of(w)));
            } else {
                source = PRODUCT - w;
            }
            for (int o = 0; o < count; o++) {
                if (!coef.get(o).isEmpty()) {
                    entries.get(o).add(new Entry(coef.get(o).stream().mapToInt(Integer::intValue).toArray(), source,
                        w));
                }
            }
        }
        for (List<Integer> members : planeMembers) {
            dealerPlanes.add(members.stream().mapToInt(Integer::intValue).toArray());
        }
        TreeSet<Integer> fSets = new TreeSet<>();
        for (int party = 0; party < 2; party++) {
            TreeSet<Integer> maskSets = new TreeSet<>();
            List<Integer> plan = new ArrayList<>();
            for (int o = 0; o < count; o++) {
                for (Entry e : entries.get(o)) {
                    if (!e.concerns(party, owners)) {
                        continue;
                    }
                    if (e.source <= PRODUCT) {
                        addClosed(maskSets, e.products);
                    }
                    plan.add(o);
                    plan.add(e.source);
                    plan.add(e.coefficients.length);
                    for (int c : e.coefficients) {
                        plan.add(c);
                        addClosed(fSets, c);
                    }
                }
            }
            plans[party] = plan.stream().mapToInt(Integer::intValue).toArray();
            productOrder[1 + party] = maskSets.stream().mapToInt(Integer::intValue).toArray();
        }
        productOrder[0] = fSets.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Adds {@code set} and every set obtained from it by dropping lowest variables, except the empty set. */
    private static void addClosed(TreeSet<Integer> sets, int set) {
        for (int s = set; s != 0; s &= s - 1) {
            sets.add(s);
        }
    }

    private static List<TreeSet<Integer>> newCoefficients(int outputs) {
        List<TreeSet<Integer>> l = new ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            l.add(new TreeSet<>());
        }
        return l;
    }

    /** A product the parties cannot hold alone: masks of both owners, or two or more shared masks. */
    private static boolean needsDealer(int w, MaskOwner[] owners) {
        boolean of0 = false;
        boolean of1 = false;
        int shared = 0;
        for (int rest = w; rest != 0; rest &= rest - 1) {
            switch (owners[Integer.numberOfTrailingZeros(rest)]) {
                case PARTY0 -> of0 = true;
                case PARTY1 -> of1 = true;
                case SHARED -> shared++;
            }
        }
        return shared > 1 || shared == 1 && (of0 || of1) || of0 && of1;
    }

    int dealerPlaneCount() {
        return dealerPlanes.size();
    }

    /** The dealer's plane j for one word, from the full masks of every variable. */
    long dealerPlane(int j, long[] masks) {
        long plane = 0;
        for (int w : dealerPlanes.get(j)) {
            plane ^= and(w, masks);
        }
        return plane;
    }

    private static long and(int set, long[] values) {
        long v = -1L;
        for (int rest = set; rest != 0; rest &= rest - 1) {
            v &= values[Integer.numberOfTrailingZeros(rest)];
        }
        return v;
    }

    /**
     * This party's shares of the outputs for one word.
     *
     * @param f the opened bits, by variable
     * @param masks this party's shares of the masks, by variable (zero for masks the other party owns)
     * @param planes this party's shares of the dealer planes
     * @param party this party's id
     * @param scratch at least 2^(variables+1) longs
     * @param out receives one word per output
     */
    void evaluate(long[] f, long[] masks, long[] planes, int party, long[] scratch, long[] out) {
        int size = 1 << variables;
        // scratch[S] = AND of f over S and scratch[size + S] = AND of the masks over S, for the sets the plan reads
        fillProducts(f, productOrder[0], scratch, 0);
        fillProducts(masks, productOrder[1 + party], scratch, size);
        java.util.Arrays.fill(out, 0, outputCount, 0L);
        int[] plan = plans[party];
        for (int k = 0; k < plan.length; ) {
            int o = plan[k++];
            int source = plan[k++];
            int coefficients = plan[k++];
            long coef = 0;
            for (int c = 0; c < coefficients; c++) {
                coef ^= scratch[plan[k++]];
            }
            long share;
            if (source >= 0) {
                share = planes[source];
            } else if (source == CONSTANT) {
                share = -1L;
            } else if (source > PRODUCT) {
                share = masks[SINGLE_MASK - source];
            } else {
                share = scratch[size + PRODUCT - source];
            }
            out[o] ^= coef & share;
        }
    }

    private static void fillProducts(long[] values, int[] order, long[] table, int offset) {
        table[offset] = -1L;
        for (int s : order) {
            table[offset + s] = table[offset + (s & (s - 1))] & values[Integer.numberOfTrailingZeros(s)];
        }
    }
}
