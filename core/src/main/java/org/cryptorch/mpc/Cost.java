package org.cryptorch.mpc;

/**
 * What one protocol invocation costs, as predicted from shapes and parameters alone: online rounds (counted by each
 * party), payload bytes each party sends online, and bytes of correlated randomness the dealer sends offline.
 */
public record Cost(long rounds, long bytesSentByParty0, long bytesSentByParty1, long offlineBytes) {
    public static final Cost FREE = new Cost(0, 0, 0, 0);

    public Cost {
        if (rounds < 0 || bytesSentByParty0 < 0 || bytesSentByParty1 < 0 || offlineBytes < 0) {
            throw new IllegalArgumentException("cost components must be non-negative: " + rounds + " rounds, "
                + bytesSentByParty0 + "/" + bytesSentByParty1 + " bytes, " + offlineBytes + " offline bytes");
        }
    }

    /** A protocol in which both parties send the same number of bytes. */
    public static Cost symmetric(long rounds, long bytesPerParty, long offlineBytes) {
        return new Cost(rounds, bytesPerParty, bytesPerParty, offlineBytes);
    }

    public long bytesSent(int party) {
        return switch (party) {
            case 0 -> bytesSentByParty0;
            case 1 -> bytesSentByParty1;
            default -> throw new IllegalArgumentException("party must be 0 or 1, got " + party);
        };
    }

    /** The larger of the two parties' online bytes (equal to both for symmetric protocols). */
    public long bytesPerParty() {
        return Math.max(bytesSentByParty0, bytesSentByParty1);
    }

    /** The cost of running this protocol and then {@code next} (rounds add up: the second waits for the first). */
    public Cost plus(Cost next) {
        return new Cost(rounds + next.rounds, bytesSentByParty0 + next.bytesSentByParty0,
            bytesSentByParty1 + next.bytesSentByParty1, offlineBytes + next.offlineBytes);
    }
}
