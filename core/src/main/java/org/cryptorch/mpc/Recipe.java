package org.cryptorch.mpc;

import java.util.List;

/**
 * A kind of correlated randomness: its components and how the derived ones follow from the others. The dealer,
 * which sees every component in full, calls {@link #derive}; the parties only ever see shares.
 *
 * <p>Recipes travel from a party to a remote dealer as a {@link RecipeSpec}, so every recipe must be reconstructible
 * from its name and integer parameters through {@link Recipes#fromSpec}.
 */
public interface Recipe {
    RecipeSpec spec();

    List<Component> components();

    /**
     * Fills every DERIVED entry of {@code values}: full values indexed like {@link #components()}, followed by the
     * values of {@link #fixedMasks()}.
     */
    void derive(long[][] values);

    /**
     * Session-fixed masks ({@link FixedMask}) that {@link #derive} needs besides the components: the dealer
     * regenerates them from their owner's seed; the parties take no share of them with this recipe.
     */
    default List<FixedMask.Key> fixedMasks() {
        return List.of();
    }

    /** Bytes the dealer sends (to party 1) for this recipe. */
    default long offlineBytes() {
        long b = 0;
        for (Component c : components()) {
            if (c.source() == Component.Source.DERIVED) {
                b += 8L * c.words();
            }
        }
        return b;
    }
}
