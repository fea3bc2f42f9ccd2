package org.cryptorch.mpc;

import java.util.ArrayList;
import java.util.List;

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
     * Everything one comparison of {@code n} elements on {@code bits} bits takes, in order: the sign-bit mask (with
     * a multiplication triple when the result multiplies a secret), the leaf masks, then one recipe per tree level.
     */
    public static List<Recipe> comparison(int n, int bits, boolean withProduct) {
        CarryTree tree = new CarryTree(bits);
        int words = BitSlice.wordsFor(n);
        List<Recipe> out = new ArrayList<>();
        out.add(new SignMask(n, withProduct));
        out.add(new LeafMasks(words, bits));
        for (int pairs : tree.pairsPerLevel()) {
            out.add(new MergeMasks(words, pairs));
        }
        return out;
    }

    /**
     * A random bit r per element, XOR-shared (one plane) and additively shared as 0/1 ({@code rA}, derived); with
     * {@code withProduct}, also a random arithmetic {@code a} and derived {@code c = rA * a}, so that the unmasked
     * sign bit can multiply a secret without another round.
     */
    record SignMask(int n, boolean withProduct) implements Recipe {
        static final String NAME = "sign_mask";

        @Override
        public RecipeSpec spec() {
            return new RecipeSpec(NAME, n, withProduct ? 1 : 0);
        }

        @Override
        public List<Component> components() {
            List<Component> cs = new ArrayList<>(List.of(
                Component.random("r", BitSlice.wordsFor(n), Sharing.BINARY),
                Component.derived("rA", n, Sharing.ARITHMETIC)));
            if (withProduct) {
                cs.add(Component.random("a", n, Sharing.ARITHMETIC));
                cs.add(Component.derived("c", n, Sharing.ARITHMETIC));
            }
            return cs;
        }

        @Override
        public void derive(long[][] v) {
            long[] rA = new long[n];
            for (int i = 0; i < n; i++) {
                rA[i] = BitSlice.bit(v[0], i);
            }
            v[1] = rA;
            if (withProduct) {
                long[] c = new long[n];
                for (int i = 0; i < n; i++) {
                    c[i] = rA[i] * v[2][i];
                }
                v[3] = c;
            }
        }
    }

    /**
     * Masks for the leaves: u (party 0's, one plane per low bit), v (party 1's), and per two-bit leaf at planes
     * (2c, 2c+1) the four derived planes Z = u1v1 ^ u1u0v0 ^ u0v1v0, W00 = u0v0, W10 = u1v0, W01 = u0v1, then for
     * a single-bit top leaf u&v. These are the cross terms that the parties cannot compute from the opened
     * d = a^u and e = b^v; see {@link CarryCircuit}.
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
            long[] u = v[0];
            long[] w = v[1];
            long[] cross = new long[tree.leafDerivedPlanes() * words];
            for (int c = 0; c < tree.pairLeaves(); c++) {
                int lo = 2 * c * words;
                int hi = lo + words;
                int out = 4 * c * words;
                for (int i = 0; i < words; i++) {
                    long u0 = u[lo + i];
                    long u1 = u[hi + i];
                    long v0 = w[lo + i];
                    long v1 = w[hi + i];
                    cross[out + i] = u1 & v1 ^ u1 & u0 & v0 ^ u0 & v1 & v0;
                    cross[out + words + i] = u0 & v0;
                    cross[out + 2 * words + i] = u1 & v0;
                    cross[out + 3 * words + i] = u0 & v1;
                }
            }
            if (tree.hasSingleLeaf()) {
                int top = (tree.lowBits() - 1) * words;
                int out = 4 * tree.pairLeaves() * words;
                for (int i = 0; i < words; i++) {
                    cross[out + i] = u[top + i] & w[top + i];
                }
            }
            v[2] = cross;
        }
    }

    /**
     * AND triples for one tree level with {@code pairs} merges, sharing the operand P_hi: random U (pairs planes),
     * V1 (pairs), V2 (pairs-1, none for the lowest merge), derived W1 = U&V1 and W2 = U&V2 (upper merges only).
     */
    record MergeMasks(int words, int pairs) implements Recipe {
        static final String NAME = "carry_merge";

        @Override
        public RecipeSpec spec() {
            return new RecipeSpec(NAME, words, pairs);
        }

        @Override
        public List<Component> components() {
            int all = pairs * words;
            int upper = (pairs - 1) * words;
            return List.of(Component.random("U", all, Sharing.BINARY), Component.random("V1", all, Sharing.BINARY),
                Component.random("V2", upper, Sharing.BINARY), Component.derived("W1", all, Sharing.BINARY),
                Component.derived("W2", upper, Sharing.BINARY));
        }

        @Override
        public void derive(long[][] v) {
            long[] u = v[0];
            long[] w1 = new long[pairs * words];
            long[] w2 = new long[(pairs - 1) * words];
            for (int i = 0; i < w1.length; i++) {
                w1[i] = u[i] & v[1][i];
            }
            // V2 plane j-1 belongs to merge j >= 1, whose U plane is j.
            for (int i = 0; i < w2.length; i++) {
                w2[i] = u[i + words] & v[2][i];
            }
            v[3] = w1;
            v[4] = w2;
        }
    }
}
