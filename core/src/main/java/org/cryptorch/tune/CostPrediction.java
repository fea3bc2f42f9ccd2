package org.cryptorch.tune;

import java.util.List;

/**
 * A program's predicted cost on one network: per op and in total. {@code rounds} counts fused groups once (the
 * number of round trips the parties wait for), so it is at most the sum of the ops' rounds.
 */
public record CostPrediction(List<OpLatency> ops, long rounds, long bytesPerParty, long offlineBytes,
                             double seconds) {
    public CostPrediction {
        ops = List.copyOf(ops);
    }
}
