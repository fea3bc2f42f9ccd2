package org.cryptorch.cli.selftest;

/** What a protocol's cost function predicts for one run: online rounds, payload bytes each party sends, dealer bytes. */
public record ExpectedCost(long rounds, long bytesSentByParty0, long bytesSentByParty1, long offlineBytes) {
    public static ExpectedCost symmetric(long rounds, long bytesPerParty, long offlineBytes) {
        return new ExpectedCost(rounds, bytesPerParty, bytesPerParty, offlineBytes);
    }
}
