package org.cryptorch.tune;

import java.util.List;

/**
 * A program's predicted cost on one network: per op and in total. {@code rounds} counts fused groups once (the
 * number of round trips the parties wait for), so it is at most the sum of the ops' rounds. {@code bytesPerParty}
 * sums each op's busier party (what its step waits for); where one party sends alone (inputs, outputs) that is a
 * little more than the larger party's total.
 */
public record CostPrediction(List<OpLatency> ops, long rounds, long bytesPerParty, long offlineBytes,
                             double seconds) {
    public CostPrediction {
        ops = List.copyOf(ops);
    }
}
