package org.cryptorch.mpc;

import java.util.List;

/** One party's source of correlated randomness. */
public interface Correlations {
    /** This party's shares of one fresh instance of {@code r}, indexed like {@code r.components()}. */
    long[][] take(Recipe r);

    /**
     * Asks for these recipes in advance (the offline phase), so that later {@link #take} calls need no dealer traffic.
     * They must then be taken in the same order.
     */
    default void prefetch(List<Recipe> recipes) {
    }

    /** Bytes received from the dealer so far (corrections; zero for party 0). */
    long offlineBytesReceived();
}
