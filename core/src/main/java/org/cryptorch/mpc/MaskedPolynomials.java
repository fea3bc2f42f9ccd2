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
 *
 * <p>Both the parties' shares and the dealer's planes are computed by straight-line programs, built once per group
 * here, that run on whole blocks of bit-plane words ({@link PlaneRows}).
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

    /** Source codes: >= 0 a dealer plane, CONSTANT, or LOCAL for a mask or mask product a party holds alone. */
    private static final int CONSTANT = -1;
    private static final int LOCAL = -2;

    /** Per dealer plane, the mask products it sums. */
    private final List<int[]> dealerPlanes = new ArrayList<>();
    private final int variables;
    /** Per party, the program that turns its opened bits, mask shares and dealer planes into output shares. */
    private final Program[] partyPrograms = new Program[2];
    /** The dealer's program from the full masks to the dealer planes. */
    private final Program dealerProgram;

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
            if (w == 0) {
                source = CONSTANT;
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
                source = LOCAL;
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
        for (int party = 0; party < 2; party++) {
            ProgramBuilder b = new ProgramBuilder(count, true);
            for (int o = 0; o < count; o++) {
                for (Entry e : entries.get(o)) {
                    if (e.concerns(party, owners)) {
                        b.add(b.outputRow(o), shareRow(e, b), e.coefficients);
                    }
                }
            }
            partyPrograms[party] = b.build();
        }
        ProgramBuilder dealer = new ProgramBuilder(0, false);
        for (int j = 0; j < dealerPlanes.size(); j++) {
            for (int w : dealerPlanes.get(j)) {
                dealer.add(planeRow(j), 0, new int[] {w << variables});
            }
        }
        dealerProgram = dealer.build();
    }

    /** The row of a summand's mask factor: a dealer plane, all ones (the constant), a mask or a local product. */
    private int shareRow(Entry e, ProgramBuilder b) {
        if (e.source >= 0) {
            return planeRow(e.source);
        }
        if (e.source == CONSTANT) {
            return 0;
        }
        return b.product(e.products << variables);
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

    /** Rows of the layout every program shares: 0 is all ones, then opened bits, masks, dealer planes, outputs. */
    private int openedRow(int x) {
        return 1 + x;
    }

    private int maskRow(int x) {
        return 1 + variables + x;
    }

    private int planeRow(int j) {
        return 1 + 2 * variables + j;
    }

    /**
     * A party's workspace for its output shares, for blocks of up to {@code min(PlaneRows.BLOCK, words)} words: point
     * it at the opened bits, this party's mask shares (masks the other party owns are never read), the dealer planes
     * and the destinations of the outputs of one block, then {@link Block#evaluate}.
     */
    Block partyBlock(int party, int words) {
        return new Block(partyPrograms[party], words);
    }

    /** The dealer's workspace: point it at the full masks and at where the dealer planes go, then evaluate. */
    Block dealerBlock(int words) {
        return new Block(dealerProgram, words);
    }

    /**
     * One program's rows. Each method names where a block's row starts in an array; {@link #evaluate} reads and
     * writes {@code len} words from there.
     */
    final class Block {
        private final Program program;
        private final PlaneRows rows;

        private Block(Program program, int words) {
            this.program = program;
            this.rows = new PlaneRows(program.rows(), words);
        }

        void opened(int x, long[] src, int from) {
            rows.bind(openedRow(x), src, from);
        }

        void mask(int x, long[] src, int from) {
            rows.bind(maskRow(x), src, from);
        }

        void plane(int j, long[] src, int from) {
            rows.bind(planeRow(j), src, from);
        }

        /** Where output {@code o} goes: an output share for a party's block, dealer plane o for the dealer's. */
        void output(int o, long[] dst, int at) {
            rows.bind(program.outputs()[o], dst, at);
        }

        void evaluate(int len) {
            program.run(rows, len);
        }
    }

    /**
     * A straight-line program on {@link PlaneRows}: {@code steps} are (dst, a, b) triples dst = a & b that build the
     * products, in dependency order; {@code terms} are (out, share, count, coefficient rows...) meaning
     * out ^= (XOR of the coefficient rows) & share, after every output row was cleared. Row {@code scratch} holds
     * XORs of coefficients.
     */
    private record Program(int rows, int scratch, int[] steps, int[] terms, int[] outputs) {
        void run(PlaneRows r, int len) {
            for (int k = 0; k < steps.length; k += 3) {
                r.and(steps[k], steps[k + 1], steps[k + 2], len);
            }
            for (int o : outputs) {
                r.clear(o, len);
            }
            for (int k = 0; k < terms.length; ) {
                int out = terms[k++];
                int share = terms[k++];
                int n = terms[k++];
                if (n == 1) {
                    r.xorAnd(out, terms[k++], share, len);
                    continue;
                }
                r.xor(scratch, terms[k], terms[k + 1], len);
                for (int c = 2; c < n; c++) {
                    r.xor(scratch, scratch, terms[k + c], len);
                }
                k += n;
                r.xorAnd(out, scratch, share, len);
            }
        }
    }

    /**
     * Builds a {@link Program}. Products are over extended variables: e < variables is opened bit e, and
     * variables + x is mask x, so extended variable e lives in row 1 + e and a product of f's and masks is one set.
     */
    private final class ProgramBuilder {
        private final Map<Integer, Integer> productRows = new HashMap<>();
        private final List<Integer> steps = new ArrayList<>();
        private final List<Integer> terms = new ArrayList<>();
        private final int[] outputs;
        private final int scratch;
        private int rows;

        /** With {@code ownOutputs}, {@code outputs} rows follow the dealer planes; otherwise the planes are the outputs. */
        ProgramBuilder(int outputs, boolean ownOutputs) {
            int planes = dealerPlanes.size();
            int first = planeRow(0) + planes;
            this.outputs = new int[ownOutputs ? outputs : planes];
            for (int o = 0; o < this.outputs.length; o++) {
                this.outputs[o] = ownOutputs ? first + o : planeRow(o);
            }
            this.scratch = first + (ownOutputs ? outputs : 0);
            this.rows = scratch + 1;
        }

        int outputRow(int o) {
            return outputs[o];
        }

        /** The row holding the product over the extended set {@code set}, adding the steps that build it. */
        int product(int set) {
            if (set == 0) {
                return 0;
            }
            if (Integer.bitCount(set) == 1) {
                return 1 + Integer.numberOfTrailingZeros(set);
            }
            Integer row = productRows.get(set);
            if (row == null) {
                int rest = product(set & (set - 1));
                row = rows++;
                productRows.put(set, row);
                steps.addAll(List.of(row, rest, 1 + Integer.numberOfTrailingZeros(set)));
            }
            return row;
        }

        /** out ^= (XOR over {@code coefficients}, sets of opened bits, of their products) & share. */
        void add(int out, int share, int[] coefficients) {
            terms.add(out);
            terms.add(share);
            terms.add(coefficients.length);
            for (int c : coefficients) {
                terms.add(product(c));
            }
        }

        Program build() {
            return new Program(rows, scratch, steps.stream().mapToInt(Integer::intValue).toArray(),
                terms.stream().mapToInt(Integer::intValue).toArray(), outputs);
        }
    }
}
