package org.cryptorch.mpc;

import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;

/**
 * A party's side of seed-compressed correlations: expands its own shares from its seed and, for party 1, takes the
 * corrections of derived components from a supplier (a local dealer engine or the remote dealer's stream).
 */
public final class SeededCorrelations implements Correlations {
    private final int party;
    private final Prg prg;
    private final byte[] seed;
    private final Function<Recipe, long[][]> corrections;
    /** Filled by a prefetching thread while the taking thread empties it (see {@link RemoteCorrelations}). */
    private final Deque<Prefetched> prefetched = new ConcurrentLinkedDeque<>();
    private long offlineBytes;

    /** Shares expanded ahead of use, with the spec they were made for. */
    private record Prefetched(RecipeSpec spec, long[][] shares) {
    }

    /**
     * @param corrections for party 1, returns the dealer's corrections of one recipe instance; ignored for party 0
     */
    public SeededCorrelations(int party, byte[] seed, Function<Recipe, long[][]> corrections) {
        if (party != 0 && party != 1) {
            throw new IllegalArgumentException("party must be 0 or 1, got " + party);
        }
        this.party = party;
        this.prg = new Prg(seed);
        this.seed = seed.clone();
        this.corrections = corrections;
    }

    @Override
    public void prefetch(List<Recipe> recipes) {
        for (Recipe r : recipes) {
            prefetched.addLast(new Prefetched(r.spec(), expand(r)));
        }
    }

    /** Drops the shares expanded ahead and not taken (the other party drops the same ones). */
    void discardPrefetched() {
        prefetched.clear();
    }

    @Override
    public long[][] take(Recipe r) {
        Prefetched next = prefetched.pollFirst();
        if (next == null) {
            return expand(r);
        }
        if (!next.spec().equals(r.spec())) {
            throw new IllegalStateException("party " + party + " took correlation " + r.spec()
                + " but the next prefetched one is " + next.spec());
        }
        return next.shares();
    }

    @Override
    public long[] fixedMask(int owner, int id, int words) {
        return party == owner ? FixedMask.expand(seed, id, words) : new long[words];
    }

    private long[][] expand(Recipe r) {
        List<Component> cs = r.components();
        long[][] shares = new long[cs.size()][];
        // Party 1 asks for every recipe, even one with nothing derived, so the dealer's PRGs stay in step.
        long[][] fixes = party == 1 ? corrections.apply(r) : null;
        if (fixes != null) {
            for (long[] f : fixes) {
                offlineBytes += 8L * f.length;
            }
        }
        int k = 0;
        for (int i = 0; i < cs.size(); i++) {
            Component c = cs.get(i);
            shares[i] = switch (c.source()) {
                case RANDOM -> prg.next(c.words());
                case OWNED_BY_0 -> party == 0 ? prg.next(c.words()) : new long[c.words()];
                case OWNED_BY_1 -> party == 1 ? prg.next(c.words()) : new long[c.words()];
                case DERIVED -> {
                    if (party == 0) {
                        yield prg.next(c.words());
                    }
                    yield fixes[k++];
                }
            };
        }
        return shares;
    }

    @Override
    public long offlineBytesReceived() {
        return offlineBytes;
    }
}
