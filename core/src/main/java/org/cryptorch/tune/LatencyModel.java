package org.cryptorch.tune;

/** Predicted latency of a whole assignment, in seconds; cheap compared with an evaluation. */
@FunctionalInterface
public interface LatencyModel {
    double seconds(Assignment assignment);
}
