package org.cryptorch.mpc;

import java.util.Arrays;

/** The wire form of a recipe: a registered name and integer parameters (sizes, shift amounts). */
public record RecipeSpec(String name, int... params) {
    @Override
    public boolean equals(Object o) {
        return o instanceof RecipeSpec r && r.name.equals(name) && Arrays.equals(r.params, params);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(params);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(params);
    }
}
