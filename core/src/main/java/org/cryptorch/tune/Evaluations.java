package org.cryptorch.tune;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The search's only way to evaluate: remembers every assignment's metric (a repeated request is a cache hit, e.g.
 * when a strategy comes back to a configuration it already measured), evaluates a batch of new assignments on
 * several threads, and keeps the log of everything evaluated in request order, so the log and the result do not
 * depend on which thread finished first.
 */
public final class Evaluations implements AutoCloseable {
    private final Evaluator evaluator;
    private final long seed;
    private final LatencyModel latency;
    private final ExecutorService pool;
    private final int threads;
    private final Consumer<Evaluated> progress;
    private final Map<Assignment, Evaluated> log = new LinkedHashMap<>();
    private int hits;

    /**
     * @param threads  evaluations run at once (the cores to use)
     * @param progress told of every new evaluation, in log order
     */
    public Evaluations(Evaluator evaluator, long seed, LatencyModel latency, int threads,
                       Consumer<Evaluated> progress) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.evaluator = evaluator;
        this.seed = seed;
        this.latency = latency;
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "tune-eval");
            t.setDaemon(true);
            return t;
        });
        this.progress = progress;
    }

    /** How many evaluations run at once: a strategy with independent candidates can hand over that many. */
    public int parallelism() {
        return threads;
    }

    public double metric(Assignment a) {
        return metrics(List.of(a)).get(0);
    }

    /** The metrics of {@code batch}, in order; new assignments are evaluated concurrently. */
    public List<Double> metrics(List<Assignment> batch) {
        LinkedHashSet<Assignment> fresh = new LinkedHashSet<>();
        for (Assignment a : batch) {
            if (log.containsKey(a) || !fresh.add(a)) {
                hits++;
            }
        }
        List<Assignment> todo = new ArrayList<>(fresh);
        List<Future<Double>> futures = new ArrayList<>(todo.size());
        for (Assignment a : todo) {
            futures.add(pool.submit(() -> evaluator.evaluate(a, seed)));
        }
        for (int i = 0; i < todo.size(); i++) {
            Evaluated e = new Evaluated(todo.get(i), await(futures.get(i), todo.get(i)), latency.seconds(todo.get(i)));
            log.put(e.assignment(), e);
            progress.accept(e);
        }
        return batch.stream().map(a -> log.get(a).metric()).toList();
    }

    /** Metric of {@code a} if it was evaluated, else null; neither evaluates nor counts as a hit. */
    public Double known(Assignment a) {
        Evaluated e = log.get(a);
        return e == null ? null : e.metric();
    }

    public double seconds(Assignment a) {
        return latency.seconds(a);
    }

    /** Every evaluated configuration, in the order first requested. */
    public List<Evaluated> log() {
        return List.copyOf(log.values());
    }

    /** Requests answered from the cache (or duplicated within a batch). */
    public int hits() {
        return hits;
    }

    /** Distinct configurations evaluated. */
    public int evaluated() {
        return log.size();
    }

    private static double await(Future<Double> f, Assignment a) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while evaluating " + a, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("evaluating " + a + " failed: " + cause, cause);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
