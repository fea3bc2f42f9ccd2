package org.cryptorch.mpc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.cryptorch.net.Channel;
import org.cryptorch.net.ProtocolException;

/**
 * A party's correlations from a remote {@link DealerServer}. Party 0 only receives its seed and expands everything
 * locally. Party 1 receives its seed and asks the dealer for the corrections of every recipe: one request per
 * {@link #take}, or requests for a whole list announced by {@link #prefetch} (the offline phase), after which the
 * takes of those recipes cost no dealer traffic. A prefetch also expands both parties' shares from their seeds ahead
 * of use.
 *
 * <p>A large model's correlations do not fit in memory at once (BERT-base's run takes several GB of them: a Beaver
 * triple per secret weight product holds a weight-sized mask). So at most a window of {@code windowWords} words is
 * fetched and expanded ahead; when the takes have used it up, the next window of the announced recipes is fetched
 * inside the take. That time is offline work done late and is counted by {@link #offlineNanos}, so callers can keep
 * it out of their online figures.
 */
public final class RemoteCorrelations implements Correlations {
    /** Corrections received ahead of their take, with the recipe they belong to. */
    private record Fetched(RecipeSpec spec, long[][] corrections) {
    }

    /** Words fetched ahead by default: 256 MB of shares (the shares of a step in progress come on top). */
    public static final long DEFAULT_WINDOW_WORDS = 1L << 25;

    private final int party;
    private final Channel dealer;
    private final SeededCorrelations seeded;
    private final long windowWords;
    private final Deque<Fetched> fetched = new ArrayDeque<>();
    /** Recipes announced by a prefetch and not yet fetched, in take order. */
    private final Deque<Recipe> announced = new ArrayDeque<>();
    /** Recipes fetched and expanded ahead, not yet taken. */
    private int ready;
    private long offlineBytes;
    private long offlineNanos;
    private boolean ended;

    private RemoteCorrelations(int party, Channel dealer, byte[] seed, long windowWords) {
        if (windowWords <= 0) {
            throw new IllegalArgumentException("the prefetch window must hold at least one word, got " + windowWords);
        }
        this.party = party;
        this.dealer = dealer;
        this.windowWords = windowWords;
        this.seeded = new SeededCorrelations(party, seed, this::correctionsFor);
    }

    /** Receives this party's seed from the dealer at the other end of {@code dealer} (which stays owned by the caller). */
    public static RemoteCorrelations connect(int party, Channel dealer) {
        return connect(party, dealer, DEFAULT_WINDOW_WORDS);
    }

    /** As {@link #connect(int, Channel)}, fetching at most about {@code windowWords} words of shares ahead. */
    public static RemoteCorrelations connect(int party, Channel dealer, long windowWords) {
        String old = dealer.stats().setLabel(DealerWire.LABEL);
        try {
            byte[] seed = dealer.receiveBytes();
            if (seed.length != 16) {
                throw new ProtocolException("party" + party + ": " + dealer.peer() + " sent a seed of " + seed.length
                    + " bytes, expected 16");
            }
            return new RemoteCorrelations(party, dealer, seed, windowWords);
        } finally {
            dealer.stats().setLabel(old);
        }
    }

    @Override
    public long[][] take(Recipe r) {
        if (ready == 0 && !announced.isEmpty()) {
            long t = System.nanoTime();
            fetchWindow();
            offlineNanos += System.nanoTime() - t;
        }
        long[][] shares = seeded.take(r);
        ready = Math.max(0, ready - 1);
        return shares;
    }

    /** Announces {@code recipes} (to be taken in this order) and fetches the first window of them. */
    @Override
    public void prefetch(List<Recipe> recipes) {
        announced.addAll(recipes);
        if (ready == 0) {
            fetchWindow();
        }
    }

    /** Fetches and expands the next announced recipes, as many as fit the window (at least one). */
    private void fetchWindow() {
        List<Recipe> window = new ArrayList<>();
        long words = 0;
        while (!announced.isEmpty() && (window.isEmpty() || words + words(announced.peek()) <= windowWords)) {
            Recipe r = announced.poll();
            words += words(r);
            window.add(r);
        }
        if (window.isEmpty()) {
            return;
        }
        if (party == 1) {
            request(window);
            for (Recipe r : window) {
                fetched.add(new Fetched(r.spec(), receiveCorrections(r)));
            }
        }
        // Expanding now consumes the fetched corrections in order, so the takes only dequeue.
        seeded.prefetch(window);
        ready += window.size();
    }

    private static long words(Recipe r) {
        long w = 0;
        for (Component c : r.components()) {
            w += c.words();
        }
        return w;
    }

    /**
     * Drops every prefetched recipe not yet taken (fetched ahead or still announced), for correlations prepared for
     * a query that did not come. Both parties must drop the same ones to stay in step; the dealer has generated
     * those fetched and will never generate them again (its streams only move forward), so none is used twice.
     */
    public void discardPending() {
        announced.clear();
        seeded.discardPrefetched();
        ready = 0;
    }

    /** Number of prefetched recipes not yet taken (fetched ahead or still announced). */
    public int pending() {
        return ready + announced.size();
    }

    /**
     * Time spent inside {@link #take} fetching and expanding announced recipes once the window ahead was used up:
     * offline work that ran during the caller's online phase.
     */
    @Override
    public long offlineNanos() {
        return offlineNanos;
    }

    @Override
    public long[] fixedMask(int owner, int id, int words) {
        return seeded.fixedMask(owner, id, words);
    }

    @Override
    public long offlineBytesReceived() {
        return offlineBytes;
    }

    /**
     * Ends the session after a successful run: party 1 tells the dealer, which then exits normally; party 0 has
     * nothing to say. Closing without finishing leaves the dealer to see its connection close, which it reports as
     * an aborted run (a failure a supervisor can see in its exit status).
     */
    public void finish() {
        if (party == 1 && !ended) {
            ended = true;
            String old = dealer.stats().setLabel(DealerWire.LABEL);
            try {
                dealer.sendBytes(DealerWire.encode(List.of()));
            } finally {
                dealer.stats().setLabel(old);
            }
        }
    }
    private long[][] correctionsFor(Recipe r) {
        Fetched next = fetched.poll();
        if (next != null) {
            if (!next.spec().equals(r.spec())) {
                throw new IllegalStateException("recipes taken out of prefetch order: took " + r.spec()
                    + " but the next prefetched one is " + next.spec());
            }
            return next.corrections();
        }
        request(List.of(r));
        return receiveCorrections(r);
    }

    private void request(List<Recipe> recipes) {
        if (ended) {
            throw new IllegalStateException("the dealer session is closed");
        }
        String old = dealer.stats().setLabel(DealerWire.LABEL);
        try {
            dealer.sendBytes(DealerWire.encode(recipes.stream().map(Recipe::spec).toList()));
            DealerWire.expectAccepted(dealer);
        } finally {
            dealer.stats().setLabel(old);
        }
    }

    private long[][] receiveCorrections(Recipe r) {
        String old = dealer.stats().setLabel(DealerWire.LABEL);
        try {
            int[] sizes = DealerWire.correctionSizes(r);
            long[][] out = new long[sizes.length][];
            for (int i = 0; i < sizes.length; i++) {
                out[i] = dealer.receive(sizes[i]);
                offlineBytes += 8L * sizes[i];
            }
            return out;
        } catch (ProtocolException e) {
            throw new ProtocolException(e.getMessage() + " (receiving the corrections of " + r.spec() + ")", e);
        } finally {
            dealer.stats().setLabel(old);
        }
    }
}
