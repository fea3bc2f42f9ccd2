package org.cryptorch.tune;

/** One configuration the search evaluated: its metric on the calibration data and its predicted latency. */
public record Evaluated(Assignment assignment, double metric, double seconds) {
}
