package org.cryptorch.mpc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** Registry of recipe kinds by name, so a remote dealer can rebuild a recipe from its {@link RecipeSpec}. */
public final class Recipes {
    private static final Map<String, Function<int[], Recipe>> KINDS = new ConcurrentHashMap<>();

    private Recipes() {
    }

    public static void register(String name, Function<int[], Recipe> factory) {
        KINDS.put(name, factory);
    }

    public static Recipe fromSpec(RecipeSpec spec) {
        BuiltinRecipes.ensureRegistered();
        Function<int[], Recipe> f = KINDS.get(spec.name());
        if (f == null) {
            throw new IllegalArgumentException("unknown correlation recipe '" + spec.name() + "'");
        }
        return f.apply(spec.params());
    }
}
