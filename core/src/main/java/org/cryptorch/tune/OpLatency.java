package org.cryptorch.tune;

/**
 * The predicted cost of one op on one network. {@code roundSeconds} is this op's share of its fused group's round
 * trips (the group's rounds split in proportion to the members' own rounds, so shares add up to the group).
 */
public record OpLatency(String site, String op, long rounds, long bytesPerParty, long offlineBytes,
                        double roundSeconds, double transferSeconds, double computeSeconds) {
    public double seconds() {
        return roundSeconds + transferSeconds + computeSeconds;
    }
}
