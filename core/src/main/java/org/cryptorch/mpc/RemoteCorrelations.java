package org.cryptorch.mpc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.cryptorch.net.Channel;
import org.cryptorch.net.ProtocolException;

/**
 * A party's correlations from a remote {@link DealerServer}. Party 0 only receives its seed and expands everything
 * locally. Party 1 receives its seed and asks the dealer for the corrections of every recipe: one request per
 * {@link #take}, or requests for a whole list announced by {@link #prefetch} (the offline phase), after which the
 * takes of those recipes cost no dealer traffic. A prefetch also expands both parties' shares from their seeds ahead
 * of use.
 *
 * <p>A large model's correlations do not fit in memory at once (BERT-base's run takes several GB of them). So at
 * most a window of {@code windowWords} words is fetched and expanded ahead, by a background thread that works in
 * half windows: while the takes use up one half, the next is fetched, so the dealer's generation and the
 * expansion overlap the online phase instead of stopping it. A take that still finds its recipe not ready waits;
 * that wait is offline work done late and is counted by {@link #offlineNanos}, so callers can keep it out of
 * their online figures.
 *
 * <p>What is fetched ahead of the takes is a function of the announced list alone (the fetcher stops once more
 * than half a window is ready), never of timing: two parties that announce the same recipes and take none have
 * fetched the same ones, so {@link #discardPending} keeps their streams in step.
 */
public final class RemoteCorrelations implements Correlations {
    /** Corrections received ahead of their take, with the recipe they belong to. */
    private record Fetched(RecipeSpec spec, long[][] corrections) {
    }

    /** Words fetched ahead by default: 256 MB of shares (the shares of a step in progress come on top). */
    public static final long DEFAULT_WINDOW_WORDS = 1L << 25;

    /** Background fetchers: a thread per session while it has announced recipes to fetch, none when idle. */
    private static final ExecutorService FETCHERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "correlation-fetcher");
        t.setDaemon(true);
        return t;
    });

    private final int party;
    private final Channel dealer;
    private final SeededCorrelations seeded;
    private final long windowWords;
    /** Used by the fetching thread only (and by a take with nothing announced, when no fetcher runs). */
    private final Deque<Fetched> fetched = new ArrayDeque<>();
    /** Recipes announced by a prefetch and not yet being fetched, in take order. Guarded by this. */
    private final Deque<Recipe> announced = new ArrayDeque<>();
    /** Recipes (and their words) fetched and expanded ahead, not yet taken. Guarded by this. */
    private int ready;
    private long readyWords;
    /** Recipes the fetcher is working on now. Guarded by this. */
    private int inFlight;
    /** Whether a fetcher task runs for this session. Guarded by this. */
    private boolean fetching;
    /** Why the fetcher stopped, rethrown at the next take or prefetch. Guarded by this. */
    private RuntimeException failure;
    private volatile long offlineBytes;
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
        synchronized (this) {
            if (ready == 0 && (fetching || !announced.isEmpty())) {
                long t = System.nanoTime();
                awaitReady();
                offlineNanos += System.nanoTime() - t;
            }
        }
        // Either the recipe is expanded already, or nothing is announced and no fetcher touches the seeds.
        long[][] shares = seeded.take(r);
        synchronized (this) {
            if (ready > 0) {
                ready--;
                readyWords -= words(r);
                startFetching();
            }
        }
        return shares;
    }

    /** Announces {@code recipes} (to be taken in this order) and returns once the first half window of them is ready. */
    @Override
    public synchronized void prefetch(List<Recipe> recipes) {
        prefetchInBackground(recipes);
        awaitReady();
    }

    /**
     * Announces {@code recipes} (to be taken in this order) and returns at once; a background thread fetches and
     * expands them up to the window, so they are ready when the takes come (a serving session's next query).
     */
    public synchronized void prefetchInBackground(List<Recipe> recipes) {
        rethrowFailure();
        announced.addAll(recipes);
        startFetching();
    }

    /** Waits until a recipe is ready or nothing more is coming. */
    private synchronized void awaitReady() {
        startFetching();
        while (ready == 0 && fetching) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for correlations", e);
            }
        }
        rethrowFailure();
    }

    private void rethrowFailure() {
        if (failure != null) {
            throw failure;
        }
    }

    /** Starts a fetcher if recipes are announced and less than half a window is ready. */
    private void startFetching() {
        if (!fetching && failure == null && !announced.isEmpty() && readyWords <= windowWords / 2) {
            fetching = true;
            FETCHERS.execute(this::fetchWhileNeeded);
        }
    }

    /** The fetcher: fetches half windows of the announced recipes while at most half a window is ready. */
    private void fetchWhileNeeded() {
        try {
            while (true) {
                List<Recipe> window;
                synchronized (this) {
                    if (announced.isEmpty() || readyWords > windowWords / 2) {
                        fetching = false;
                        notifyAll();
                        return;
                    }
                    window = nextWindow(Integer.MAX_VALUE);
                    inFlight = window.size();
                }
                fetchWindow(window);
                synchronized (this) {
                    inFlight = 0;
                    ready += window.size();
                    for (Recipe r : window) {
                        readyWords += words(r);
                    }
                    notifyAll();
                }
            }
        } catch (RuntimeException | Error e) { // an Error too: a taker must not wait for a fetcher that died
            synchronized (this) {
                failure = e instanceof RuntimeException r ? r
                    : new IllegalStateException("fetching correlations failed: " + e, e);
                fetching = false;
                notifyAll();
            }
        }
    }

    /** The next announced recipes, at most {@code maxRecipes}, as many as fit half a window (at least one). */
    private List<Recipe> nextWindow(int maxRecipes) {
        List<Recipe> window = new ArrayList<>();
        long words = 0;
        while (!announced.isEmpty() && window.size() < maxRecipes
            && (window.isEmpty() || words + words(announced.peek()) <= windowWords / 2)) {
            Recipe r = announced.poll();
            words += words(r);
            window.add(r);
        }
        return window;
    }

    /** Fetches the corrections of {@code window} (party 1) and expands both parties' shares of it. */
    private void fetchWindow(List<Recipe> window) {
        if (party == 1) {
            request(window);
            for (Recipe r : window) {
                fetched.add(new Fetched(r.spec(), receiveCorrections(r)));
            }
        }
        // Expanding now consumes the fetched corrections in order, so the takes only dequeue.
        seeded.prefetch(window);
    }

    private static long words(Recipe r) {
        long w = 0;
        for (Component c : r.components()) {
            w += c.words();
        }
        return w;
    }

    /**
     * How many announced recipes are fetched ahead and not taken, once the fetcher has stopped: for
     * {@link #discardPending}, which needs the larger of both parties' counts (their windows may differ).
     */
    public synchronized int fetchedAhead() {
        awaitFetcher();
        return ready;
    }

    /**
     * Drops every prefetched recipe not yet taken (fetched ahead or still announced), for correlations prepared for
     * a query that did not come. Both parties must drop the same ones to stay in step: the first
     * {@code fetchedByEither} announced ones (the larger of both parties' {@link #fetchedAhead}), which this party
     * fetches first where it had not; the dealer has generated those and will never generate them again (its
     * streams only move forward), so none is used twice.
     */
    public synchronized void discardPending(int fetchedByEither) {
        awaitFetcher();
        int missing = fetchedByEither - ready;
        seeded.discardPrefetched();
        ready = 0;
        readyWords = 0;
        while (missing > 0 && !announced.isEmpty()) {
            List<Recipe> window = nextWindow(missing);
            fetchWindow(window);
            seeded.discardPrefetched();
            missing -= window.size();
        }
        announced.clear();
    }

    /** Waits until no fetcher runs (it stops once nothing is announced or half a window is ready). */
    public synchronized void awaitFetcher() {
        while (fetching) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for correlations", e);
            }
        }
    }

    /** Number of prefetched recipes not yet taken (ready, being fetched or still announced). */
    public synchronized int pending() {
        return ready + inFlight + announced.size();
    }

    /**
     * Time spent inside {@link #take} waiting for announced recipes the fetcher had not made ready yet: offline work
     * that ran during the caller's online phase.
     */
    @Override
    public synchronized long offlineNanos() {
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
        awaitFetcher(); // a fetcher still talking to the dealer finishes first
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
