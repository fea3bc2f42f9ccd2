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

    /**
     * This party's share of the session-fixed mask {@code id} of {@code owner} ({@link FixedMask}): the mask itself,
     * from the owner's seed, for the owner; zeros for the other party. The same id gives the same mask all session;
     * nothing is taken from the stream of {@link #take} and nothing comes from the dealer.
     */
    default long[] fixedMask(int owner, int id, int words) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no seed for fixed masks");
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
