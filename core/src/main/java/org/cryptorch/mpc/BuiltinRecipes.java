package org.cryptorch.mpc;

import java.util.List;

/**
 * The recipes the built-in protocols use. Each protocol class may define its recipe next to itself; this class
 * registers them all once so a remote dealer can rebuild any of them by name.
 */
final class BuiltinRecipes {
    private static volatile boolean registered;

    private BuiltinRecipes() {
    }

    static void ensureRegistered() {
        if (registered) {
            return;
        }
        synchronized (BuiltinRecipes.class) {
            if (!registered) {
                Recipes.register(ElementwiseTriple.NAME, p -> new ElementwiseTriple(p[0]));
                ArithmeticRecipes.registerAll();
                ComparisonRecipes.registerAll();
                registered = true;
            }
        }
    }

    /** Beaver triple for {@code n} element-wise products: random a, b and derived c = a*b. */
    record ElementwiseTriple(int n) implements Recipe {
        static final String NAME = "triple";

        @Override
        public RecipeSpec spec() {
            return new RecipeSpec(NAME, n);
        }

        @Override
        public List<Component> components() {
            return List.of(Component.random("a", n, Sharing.ARITHMETIC), Component.random("b", n, Sharing.ARITHMETIC),
                Component.derived("c", n, Sharing.ARITHMETIC));
        }

        @Override
        public void derive(long[][] v) {
            long[] c = new long[n];
            for (int i = 0; i < n; i++) {
                c[i] = v[0][i] * v[1][i];
            }
            v[2] = c;
        }
    }
}
