package org.cryptorch.mpc;

import org.cryptorch.net.Channel;

/**
 * What one party holds during the online phase: its id (0 or 1), the channel to the other party, its correlated
 * randomness, and the fixed-point precision. Protocols are written against this class.
 */
public final class Party {
    private final int id;
    private final Channel peer;
    private final Correlations correlations;
    private final int fractionalBits;

    public Party(int id, Channel peer, Correlations correlations, int fractionalBits) {
        if (id != 0 && id != 1) {
            throw new IllegalArgumentException("party id must be 0 or 1, got " + id);
        }
        this.id = id;
        this.peer = peer;
        this.correlations = correlations;
        this.fractionalBits = fractionalBits;
    }

    public int id() {
        return id;
    }

    public Channel peer() {
        return peer;
    }

    public Correlations correlations() {
        return correlations;
    }

    public int fractionalBits() {
        return fractionalBits;
    }

    /**
     * One communication round: sends {@code mine} to the other party and returns what it sent, which must have the
     * same length. Both parties call this at the same point of the protocol.
     */
    public long[] exchange(long[] mine) {
        peer.stats().addRound();
        peer.send(mine);
        return peer.receive(mine.length);
    }

    /** Runs {@code body} with traffic labelled {@code step} (the protocol name used in statistics). */
    public <T> T labelled(String step, java.util.function.Supplier<T> body) {
        String old = peer.stats().setLabel(step);
        try {
            return body.get();
        } finally {
            peer.stats().setLabel(old);
        }
    }
}
