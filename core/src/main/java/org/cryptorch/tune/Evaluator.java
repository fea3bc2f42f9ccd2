package org.cryptorch.tune;

/**
 * Scores one complete assignment on the calibration data (implementations run the PlainBackend on the program the
 * assignment compiles to). Must be safe to call from several threads and deterministic for a seed: the tuner
 * passes the same seed to every call, so differences between assignments are not noise of the randomness.
 */
@FunctionalInterface
public interface Evaluator {
    double evaluate(Assignment assignment, long seed);

    /**
     * A cheaper estimate of the same metric for screening many candidates (e.g. on fewer samples), or this evaluator
     * when there is none. Its values are only compared with its own value of the reference.
     */
    default Evaluator screening() {
        return this;
    }
}
