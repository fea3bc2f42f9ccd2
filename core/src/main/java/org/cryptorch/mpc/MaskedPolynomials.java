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

    /** One summand of an output: (XOR over {@code coefficients} of AND of f over the set) & source. */
    private record Entry(int[] coefficients, int source) {
    }

    /** Source codes >= 0 index dealer planes; negative codes are -1 - W for a mask product the parties hold. */
    private final List<List<Entry>> outputs = new ArrayList<>();
    /** Per dealer plane, the mask products it sums. */
    private final List<int[]> dealerPlanes = new ArrayList<>();
    private final int variables;

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
            if (needsDealer(w, owners)) {
                Integer plane = planeBySignature.get(coef);
                if (plane != null) {
                    planeMembers.get(plane).add(w);
                    continue;
                }
                source = planeMembers.size();
                planeBySignature.put(coef, source);
                planeMembers.add(new ArrayList<>(List.of(w)));
            } else {
                source = -1 - w;
            }
            for (int o = 0; o < count; o++) {
                if (!coef.get(o).isEmpty()) {
                    entries.get(o).add(new Entry(coef.get(o).stream().mapToInt(Integer::intValue).toArray(), source));
                }
            }
        }
        this.outputs.addAll(entries);
        for (List<Integer> members : planeMembers) {
            dealerPlanes.add(members.stream().mapToInt(Integer::intValue).toArray());
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
     * @param one all ones for party 0, zero for party 1
     * @param scratch at least 2^variables longs
     * @param out receives one word per output
     */
    void evaluate(long[] f, long[] masks, long[] planes, long one, long[] scratch, long[] out) {
        // scratch[S] = AND of f over S, built up one variable at a time
        scratch[0] = -1L;
        for (int x = 0; x < variables; x++) {
            int half = 1 << x;
            for (int s = 0; s < half; s++) {
                scratch[half | s] = scratch[s] & f[x];
            }
        }
        for (int o = 0; o < outputs.size(); o++) {
            long acc = 0;
            for (Entry e : outputs.get(o)) {
                long coef = 0;
                for (int c : e.coefficients) {
                    coef ^= scratch[c];
                }
                long share;
                if (e.source >= 0) {
                    share = planes[e.source];
                } else {
                    int w = -1 - e.source;
                    share = w == 0 ? one : and(w, masks);
                }
                acc ^= coef & share;
            }
            out[o] = acc;
        }
    }
}
