package org.cryptorch.mpc;

import java.util.ArrayList;
import java.util.List;
import org.cryptorch.tensor.Shape;

/**
 * The correlations of the comparison protocols, in the order {@link Comparison} takes them (pass that list to
 * {@link Correlations#prefetch} to run the dealer ahead). Binary components are bit planes of
 * {@link BitSlice#wordsFor} longs each.
 */
public final class ComparisonRecipes {
    private ComparisonRecipes() {
    }

    static void registerAll() {
        Recipes.register(SignMask.NAME, p -> new SignMask(p[0], p[1] != 0));
        Recipes.register(LeafMasks.NAME, p -> new LeafMasks(p[0], p[1]));
        Recipes.register(MergeMasks.NAME, p -> new MergeMasks(p[0], p[1]));
    }

    /**
     * Everything one comparison of {@code n} elements on {@code bits} bits takes, in order: the masks of the last
     * step (with products when the result multiplies a secret), the leaf masks, then one recipe per inner tree
     * level.
     */
    public static List<Recipe> comparison(int n, int bits, boolean withProduct) {
        CarryTree tree = new CarryTree(bits);
        int words = BitSlice.wordsFor(n);
        List<Recipe> out = new ArrayList<>();
        out.add(new SignMask(n, withProduct));
        out.add(new LeafMasks(words, bits));
        for (int nodes : tree.innerLevels()) {
            out.add(new MergeMasks(words, nodes));
        }
        return out;
    }

    /** Everything {@link Comparison#max} takes, in order: one ReLU batch per tree level along the axis. */
    public static List<Recipe> max(Shape shape, int axis, int bits) {
        List<Recipe> out = new ArrayList<>();
        for (long pairs : Comparison.maxLevelSizes(shape, axis)) {
            out.addAll(comparison(Math.toIntExact(pairs), bits, true));
        }
        return out;
    }

    /**
     * Masks for the last step s = c0 ^ (p1 & g0): random bit planes U, V, R, and for every element the table
     * Q[2f+g] = R ^ ((f^U) & (g^V)) for the four values (f, g) the masked p1 and g0 can open to, additively shared
     * as 0/1 integers (derived). With {@code withProduct}, also a random arithmetic {@code a} and derived
     * {@code Qa[j] = Q[j] * a}, so that the sign can multiply a secret without another round. Table j of element i
     * is at index {@code j*n + i}.
     */
    record SignMask(int n, boolean withProduct) implements Recipe {
        static final String NAME = "sign_mask";
        static final int ENTRIES = 4;
        /** Component indices. */
        static final int U = 0;
        static final int V = 1;
        static final int R = 2;
        static final int Q = 3;
        static final int A = 4;
        static final int QA = 5;

        @Override
        public RecipeSpec spec() {
            return new RecipeSpec(NAME, n, withProduct ? 1 : 0);
        }

        @Override
        public List<Component> components() {
            int words = BitSlice.wordsFor(n);
            List<Component> cs = new ArrayList<>(List.of(Component.random("U", words, Sharing.BINARY),
                Component.random("V", words, Sharing.BINARY), Component.random("R", words, Sharing.BINARY),
                Component.derived("Q", ENTRIES * n, Sharing.ARITHMETIC)));
            if (withProduct) {
                cs.add(Component.random("a", n, Sharing.ARITHMETIC));
                cs.add(Component.derived("Qa", ENTRIES * n, Sharing.ARITHMETIC));
            }
            return cs;
        }

        @Override
        public void derive(long[][] v) {
            long[] q = new long[ENTRIES * n];
            long[] qa = withProduct ? new long[ENTRIES * n] : null;
            long[] a = withProduct ? v[A] : null;
            for (int w = 0; w < BitSlice.wordsFor(n); w++) {
                int base = w << 6;
                int end = Math.min(64, n - base);
                for (int f = 0; f < 2; f++) {
                    for (int g = 0; g < 2; g++) {
                        // 64 entries at once: bit e of the plane is Q[2f+g] of element base+e
                        long plane = v[R][w] ^ (v[U][w] ^ -f) & (v[V][w] ^ -g);
                        int at = (2 * f + g) * n + base;
                        for (int e = 0; e < end; e++) {
                            q[at + e] = plane >>> e & 1L;
                        }
                        for (int e = 0; withProduct && e < end; e++) {
                            qa[at + e] = a[base + e] & -(plane >>> e & 1L);
                        }
                    }
                }
            }
            v[Q] = q;
            if (withProduct) {
                v[QA] = qa;
            }
        }
    }

    /**
     * Masks for the leaves: u (party 0's, one plane per low bit), v (party 1's), and the dealer planes of every leaf
     * (see {@link LeafGroup}), leaf after leaf.
     */
    record LeafMasks(int words, int bits) implements Recipe {
        static final String NAME = "carry_leaves";

        @Override
        public RecipeSpec spec() {
            return new RecipeSpec(NAME, words, bits);
        }

        @Override
        public List<Component> components() {
            CarryTree tree = new CarryTree(bits);
            int low = tree.lowBits() * words;
            return List.of(Component.ownedBy(0, "u", low, Sharing.BINARY),
                Component.ownedBy(1, "v", low, Sharing.BINARY),
                Component.derived("cross", tree.leafDerivedPlanes() * words, Sharing.BINARY));
        }

        @Override
        public void derive(long[][] v) {
            CarryTree tree = new CarryTree(bits);
            long[] planes = new long[tree.leafDerivedPlanes() * words];
            int bit = 0;
            int planeBase = 0;
            for (LeafGroup leaf : tree.leafGroups()) {
                int q = leaf.size();
                MaskedPolynomials.Block block = leaf.polynomials().dealerBlock(words);
                for (int from = 0; from < words; from += PlaneRows.BLOCK) {
                    for (int j = 0; j < q; j++) {
                        block.mask(j, v[0], (bit + j) * words + from);
                        block.mask(q + j, v[1], (bit + j) * words + from);
                    }
                    derivePlanes(block, leaf.polynomials(), planes, words, planeBase, from);
                }
                bit += q;
                planeBase += leaf.polynomials().dealerPlaneCount();
            }
            v[2] = planes;
        }
    }

    /**
     * Masks for one tree level that starts with {@code nodes} nodes: a random XOR-shared bit plane for every bit
     * opened (component {@code m}, groups one after another in the order of {@link CarryTree#groups}), and the
     * dealer planes of each group ({@code planes}, see {@link MaskedPolynomials}).
     */
    record MergeMasks(int words, int nodes) implements Recipe {
        static final String NAME = "carry_merge";

        @Override
        public RecipeSpec spec() {
            return new RecipeSpec(NAME, words, nodes);
        }

        @Override
        public List<Component> components() {
            return List.of(Component.random("m", CarryTree.openedPlanes(nodes) * words, Sharing.BINARY),
                Component.derived("planes", CarryTree.derivedPlanes(nodes) * words, Sharing.BINARY));
        }

        @Override
        public void derive(long[][] v) {
            long[] m = v[0];
            long[] planes = new long[CarryTree.derivedPlanes(nodes) * words];
            int openBase = 0;
            int planeBase = 0;
            for (MergeGroup group : CarryTree.groups(nodes)) {
                MaskedPolynomials.Block block = group.polynomials().dealerBlock(words);
                for (int from = 0; from < words; from += PlaneRows.BLOCK) {
                    for (int k = 0; k < group.openedCount(); k++) {
                        block.mask(k, m, (openBase + k) * words + from);
                    }
                    derivePlanes(block, group.polynomials(), planes, words, planeBase, from);
                }
                openBase += group.openedCount();
                planeBase += group.polynomials().dealerPlaneCount();
            }
            v[1] = planes;
        }
    }

    /** Evaluates a dealer block whose masks are set, into the planes from {@code planeBase} on. */
    private static void derivePlanes(MaskedPolynomials.Block block, MaskedPolynomials poly, long[] planes,
                                     int words, int planeBase, int from) {
        for (int j = 0; j < poly.dealerPlaneCount(); j++) {
            block.output(j, planes, (planeBase + j) * words + from);
        }
        block.evaluate(Math.min(PlaneRows.BLOCK, words - from));
    }
}
