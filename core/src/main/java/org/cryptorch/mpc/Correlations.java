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

    /**
     * Time spent so far inside {@link #take} on offline work: producing correlations that a {@link #prefetch}
     * announced but that were not ready yet (a source that fetches ahead in bounded windows). Online timings leave it
     * out. Zero for sources that prepare everything up front or produce on demand.
     */
    default long offlineNanos() {
        return 0;
    }
}
