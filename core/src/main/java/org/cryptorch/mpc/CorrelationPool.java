package org.cryptorch.mpc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One dealer session's correlations generated ahead of party 1's requests. A serving session repeats its requests
 * (every query of a shape asks for the same recipes, window by window), so after each request the pool predicts the
 * next ones (the request that followed this one last time) and generates their corrections on a thread of its own,
 * at most {@code depth} requests ahead and within the shared {@link PoolBudget}. It predicts only what it has seen
 * follow: a guess (this request again) is wrong for most windows of a first query, and on a host the dealer shares
 * with a party, generating a guess that is discarded slowed BERT-base's first query by a third.
 *
 * <p>Generating ahead never consumes the session's streams: it runs on a fork of the dealer's engine
 * ({@link DealerEngine#fork}). When party 1 asks for exactly the request at the head of the pool, the dealer sends
 * those corrections and adopts the engine state after them; when it asks for anything else, the whole pool is
 * discarded and the dealer generates from its own engine, which is still where it was. Either way each position of
 * the streams reaches party 1 once, so no correlation is served twice, and a discarded one was never sent.
 */
final class CorrelationPool implements AutoCloseable {
    /** The corrections of one request (per recipe, as the engine returns them) and the engine after them. */
    record Generated(List<long[][]> corrections, DealerEngine after) {
    }

    /** A predicted request being generated (or generated) ahead. */
    private static final class Entry {
        final List<RecipeSpec> request;
        final long bytes;
        volatile boolean cancelled;
        CompletableFuture<Generated> ready;

        Entry(List<RecipeSpec> request, long bytes) {
            this.request = request;
            this.bytes = bytes;
        }
    }

    private final int depth;
    private final PoolBudget budget;
    private final ExecutorService generator;
    private final Deque<Entry> entries = new ArrayDeque<>();
    /** The request that followed each request last time: requests repeat per query, several windows per query. */
    private final Map<List<RecipeSpec>, List<RecipeSpec>> successor = new HashMap<>();
    private final Map<List<RecipeSpec>, List<Recipe>> rebuilt = new HashMap<>();
    private List<RecipeSpec> previous;
    /** The engine the entries in the pool are generated with, one after another. */
    private DealerEngine ahead;
    private long hits;
    private long misses;
    private long discarded;

    /** A pool of at most {@code depth} requests (0: none, every request is generated when it comes). */
    CorrelationPool(int depth, PoolBudget budget) {
        if (depth < 0) {
            throw new IllegalArgumentException("the pool depth must not be negative, got " + depth);
        }
        this.depth = depth;
        this.budget = budget;
        this.generator = depth == 0 ? null : Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "dealer-pool");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The corrections of {@code request} if they were generated ahead (waiting for them if under way), else null,
     * and then every entry is discarded. {@code recipes} are the request's recipes, rebuilt.
     */
    Generated take(List<RecipeSpec> request, List<Recipe> recipes) {
        if (previous != null) {
            successor.put(previous, request);
        }
        previous = request;
        rebuilt.putIfAbsent(request, recipes);
        Entry head = entries.peek();
        if (head == null || !head.request.equals(request)) {
            misses++;
            discardAll();
            return null;
        }
        entries.poll();
        try {
            Generated g = head.ready.join();
            hits++;
            return g;
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } finally {
            budget.release(head.bytes);
        }
    }

    /** Tops the pool up with the predicted next requests, starting from {@code current}, the dealer's engine now. */
    void fill(DealerEngine current) {
        List<RecipeSpec> last = entries.isEmpty() ? previous : entries.peekLast().request;
        if (entries.isEmpty()) {
            ahead = current.fork();
        }
        DealerEngine engine = ahead;
        while (generator != null && last != null && entries.size() < depth) {
            List<RecipeSpec> next = successor.get(last);
            if (next == null) {
                return;
            }
            List<Recipe> recipes = rebuilt.get(next);
            long bytes = 0;
            for (Recipe r : recipes) {
                for (int words : DealerWire.correctionSizes(r)) {
                    bytes += 8L * words;
                }
            }
            if (!budget.reserve(bytes)) {
                return;
            }
            Entry e = new Entry(next, bytes);
            e.ready = CompletableFuture.supplyAsync(() -> generate(e, recipes, engine), generator);
            entries.add(e);
            last = next;
        }
    }

    /** Runs on the pool's thread, which alone uses {@code engine}; returns null once the entry was discarded. */
    private static Generated generate(Entry e, List<Recipe> recipes, DealerEngine engine) {
        List<long[][]> out = new ArrayList<>(recipes.size());
        for (Recipe r : recipes) {
            if (e.cancelled) {
                return null;
            }
            out.add(engine.corrections(r));
        }
        return new Generated(out, engine.fork());
    }

    private void discardAll() {
        for (Entry e : entries) {
            e.cancelled = true;
            budget.release(e.bytes);
            discarded++;
        }
        entries.clear();
    }

    /** Requests served from the pool. */
    long hits() {
        return hits;
    }

    /** Requests generated when they came (nothing, or something else, was ahead). */
    long misses() {
        return misses;
    }

    /** Requests generated ahead and discarded unsent (another request came, or the session ended). */
    long discarded() {
        return discarded;
    }

    /** Discards what is ahead (a session that ends, well or not, leaves nothing behind) and stops the thread. */
    @Override
    public void close() {
        discardAll();
        if (generator != null) {
            generator.shutdown();
        }
    }
}
