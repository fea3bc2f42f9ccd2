package org.cryptorch.tune;

/**
 * Settings of one tuning run.
 *
 * @param seed     passed to every evaluation (same seed, same plan)
 * @param threads  evaluations at once; the machine's cores by default
 * @param tieAlike tune alike sites (same likeness key and candidates) as one decision
 */
public record TuneOptions(Metric metric, Budget budget, long seed, int threads, boolean tieAlike) {
    public TuneOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }

    public static TuneOptions of(Metric metric, Budget budget, long seed) {
        return new TuneOptions(metric, budget, seed, Runtime.getRuntime().availableProcessors(), false);
    }

    public TuneOptions withThreads(int n) {
        return new TuneOptions(metric, budget, seed, n, tieAlike);
    }

    public TuneOptions withTieAlike(boolean tie) {
        return new TuneOptions(metric, budget, seed, threads, tie);
    }
}
