package org.cryptorch.mpc;

import java.util.List;

/**
 * The correlations the arithmetic protocols of {@link Arithmetic} consume, one recipe per protocol call. A caller
 * that wants the offline phase done ahead of time passes the same recipes, in call order, to
 * {@link Correlations#prefetch}.
 */
public final class ArithmeticRecipes {
    private ArithmeticRecipes() {
    }

    static void registerAll() {
        Recipes.register(InputMask.NAME, p -> new InputMask(p[0], p[1]));
        Recipes.register(SquarePair.NAME, p -> new SquarePair(p[0]));
        Recipes.register(TruncationPair.NAME, p -> new TruncationPair(p[0], p[1]));
    }

    /** Taken by both parties when {@code owner} shares an input of {@code n} elements. */
    public static Recipe inputMask(int owner, int n) {
        return new InputMask(owner, n);
    }

    /** Taken by {@link Arithmetic#mul} on {@code n} elements. */
    public static Recipe triple(int n) {
        return new BuiltinRecipes.ElementwiseTriple(n);
    }

    /** Taken by {@link Arithmetic#square} on {@code n} elements. */
    public static Recipe squarePair(int n) {
        return new SquarePair(n);
    }

    /** Taken by the dealer-assisted truncation of {@code n} elements by {@code bits} bits. */
    public static Recipe truncationPair(int n, int bits) {
        return new TruncationPair(n, bits);
    }

    /** A mask r known in full to the input's owner; the other party's share of it is zero, so it costs nothing. */
    record InputMask(int owner, int n) implements Recipe {
        static final String NAME = "input_mask";

        @Override
        public RecipeSpec spec() {
            return new RecipeSpec(NAME, owner, n);
        }

        @Override
        public List<Component> components() {
            return List.of(Component.ownedBy(owner, "r", n, Sharing.ARITHMETIC));
        }

        @Override
        public void derive(long[][] values) {
            // nothing derived
        }
    }

    /** Random a and derived c = a*a, for squaring. */
    record SquarePair(int n) implements Recipe {
        static final String NAME = "square_pair";

        @Override
        public RecipeSpec spec() {
            return new RecipeSpec(NAME, n);
        }

        @Override
        public List<Component> components() {
            return List.of(Component.random("a", n, Sharing.ARITHMETIC), Component.derived("c", n, Sharing.ARITHMETIC));
        }

        @Override
        public void derive(long[][] v) {
            long[] a = v[0];
            long[] c = new long[n];
            for (int i = 0; i < n; i++) {
                c[i] = a[i] * a[i];
            }
            v[1] = c;
        }
    }

    /**
     * Random r with derived shares of its top bits r>>>f and of its sign bit msb(r) (as a ring element 0 or 1), for
     * the one-round truncation.
     */
    record TruncationPair(int n, int bits) implements Recipe {
        static final String NAME = "trunc_pair";

        TruncationPair {
            Arithmetic.checkShift(bits);
        }

        @Override
        public RecipeSpec spec() {
            return new RecipeSpec(NAME, n, bits);
        }

        @Override
        public List<Component> components() {
            return List.of(Component.random("r", n, Sharing.ARITHMETIC),
                Component.derived("r_high", n, Sharing.ARITHMETIC), Component.derived("r_msb", n, Sharing.ARITHMETIC));
        }

        @Override
        public void derive(long[][] v) {
            long[] r = v[0];
            long[] high = new long[n];
            long[] msb = new long[n];
            for (int i = 0; i < n; i++) {
                high[i] = r[i] >>> bits;
                msb[i] = r[i] >>> 63;
            }
            v[1] = high;
            v[2] = msb;
        }
    }
}
