package org.cryptorch.cli.selftest;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.cryptorch.mpc.Correlations;
import org.cryptorch.mpc.Party;
import org.cryptorch.mpc.Recipe;
import org.cryptorch.mpc.RemoteCorrelations;
import org.cryptorch.net.Channel;
import org.cryptorch.net.TrafficStats;

/**
 * One party's side of a selftest run, handed to each {@link ProtocolCheck}. It runs every check twice: a warm-up pass
 * that records which correlations the online part takes, then a measured pass that fetches exactly those from the
 * dealer first (the offline phase) and times the online part alone.
 */
public final class PartySession {
    /** Traffic labels outside the measured part. */
    static final String SYNC = "selftest-sync";
    static final String VERIFY = "selftest-verify";

    /** Measured figures of one online part at this party. */
    public record Measurement(long rounds, long bytesSent, long nanos, long offlineBytes) {
        long[] toWire() {
            return new long[] {rounds, bytesSent, nanos, offlineBytes};
        }

        static Measurement fromWire(long[] w) {
            return new Measurement(w[0], w[1], w[2], w[3]);
        }
    }

    private final int id;
    private final Channel peer;
    private final RemoteCorrelations dealer;
    private final int fractionalBits;
    private final SplittableRandom random;
    private Party party;
    private boolean warmup;
    private boolean inOnline;
    private List<Recipe> recorded = new ArrayList<>();
    private Measurement measurement;

    /** @param inputSeed seeds this party's own random inputs; it never leaves this party */
    PartySession(int id, Channel peer, RemoteCorrelations dealer, int fractionalBits, long inputSeed) {
        this.id = id;
        this.peer = peer;
        this.dealer = dealer;
        this.fractionalBits = fractionalBits;
        this.random = new SplittableRandom(inputSeed);
    }

    public int id() {
        return id;
    }

    public int fractionalBits() {
        return fractionalBits;
    }

    /** This party's private randomness for its inputs. */
    public SplittableRandom random() {
        return random;
    }

    /** The protocol view of this party for the current pass. */
    public Party party() {
        return party;
    }

    void beginWarmup() {
        warmup = true;
        recorded = new ArrayList<>();
        measurement = null;
        party = new Party(id, peer, new Recording(), fractionalBits);
    }

    void beginMeasured() {
        warmup = false;
        measurement = null;
        party = new Party(id, peer, dealer, fractionalBits);
    }

    Measurement measurement() {
        if (measurement == null) {
            throw new IllegalStateException("the check never called PartySession.online");
        }
        return measurement;
    }

    /**
     * Runs the protocol under test. In the measured pass the correlations it takes are fetched from the dealer before
     * both parties meet at a barrier; the clock and the traffic counters then cover {@code body} only.
     */
    public <T> T online(String label, Supplier<T> body) {
        if (inOnline || measurement != null) {
            throw new IllegalStateException("a check calls PartySession.online exactly once per pass");
        }
        inOnline = true;
        try {
            long offlineBefore = dealer.offlineBytesReceived();
            if (!warmup) {
                dealer.prefetch(recorded);
            }
            party.labelled(SYNC, () -> party.exchange(new long[1]));
            TrafficStats.Counter before = peer.stats().total();
            long start = System.nanoTime();
            T result = party.labelled(label, body);
            long nanos = System.nanoTime() - start;
            TrafficStats.Counter after = peer.stats().total();
            if (!warmup && dealer.pending() != 0) {
                throw new IllegalStateException(label + ": the measured run took fewer correlations than the warm-up ("
                    + dealer.pending() + " prefetched left over)");
            }
            measurement = new Measurement(after.rounds - before.rounds, after.bytesSent - before.bytesSent, nanos,
                dealer.offlineBytesReceived() - offlineBefore);
            return result;
        } finally {
            inOnline = false;
        }
    }

    /**
     * Verification only, after the online part: party 1 sends {@code mine} to party 0. Returns party 1's array at
     * party 0 and {@code mine} at party 1. Both parties pass arrays of the same length.
     */
    public long[] party1s(long[] mine) {
        return party.labelled(VERIFY, () -> {
            if (id == 1) {
                peer.send(mine);
                return mine;
            }
            return peer.receive(mine.length);
        });
    }

    /** Party 1's measurement, at party 0 (party 1 sends its own). */
    Measurement exchangeMeasurement() {
        return Measurement.fromWire(party1s(measurement().toWire()));
    }

    /** Takes from the dealer on demand and records what the online part takes, for the measured pass to prefetch. */
    private final class Recording implements Correlations {
        @Override
        public long[][] take(Recipe r) {
            if (inOnline) {
                recorded.add(r);
            }
            return dealer.take(r);
        }

        @Override
        public long[] fixedMask(int owner, int id, int words) {
            return dealer.fixedMask(owner, id, words);
        }

        @Override
        public long offlineBytesReceived() {
            return dealer.offlineBytesReceived();
        }
    }
}
