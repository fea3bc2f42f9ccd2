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
        return exchange(mine, mine.length);
    }

    /**
     * One communication round in which the parties may send different amounts, either of them nothing: sends
     * {@code mine} and returns the {@code theirLength} words the other party sent. Both parties call this at the same
     * point, each with the other's length; both count the round.
     */
    public long[] exchange(long[] mine, int theirLength) {
        peer.stats().addRound();
        if (mine.length > 0) {
            peer.send(mine);
        }
        return theirLength > 0 ? peer.receive(theirLength) : new long[0];
    }

    /**
     * A one-way round, sending side: the receiver calls {@link #receiveRound} at the same point. Both sides count
     * the round, since both wait for it before going on.
     */
    public void sendRound(long[] data) {
        peer.stats().addRound();
        peer.send(data);
    }

    /** A one-way round, receiving side (see {@link #sendRound}). */
    public long[] receiveRound(int length) {
        peer.stats().addRound();
        return peer.receive(length);
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
