package org.cryptorch.net;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-channel traffic counters split by a step label (the protocol currently running). Bytes count payload only:
 * the TCP transport adds a 9-byte header per frame ({@code framesSent} tells how many) plus TLS record overhead,
 * neither counted here. Rounds are counted by the protocol layer, which knows when a message exchange is one round.
 */
public final class TrafficStats {
    /** Counters of one label. */
    public static final class Counter {
        public long rounds;
        public long bytesSent;
        public long bytesReceived;
        public long framesSent;

        Counter copy() {
            Counter c = new Counter();
            c.rounds = rounds;
            c.bytesSent = bytesSent;
            c.bytesReceived = bytesReceived;
            c.framesSent = framesSent;
            return c;
        }
    }

    private final Map<String, Counter> byLabel = new LinkedHashMap<>();
    private String label = "other";

    /** Sets the step label for the traffic that follows and returns the previous one. */
    public synchronized String setLabel(String newLabel) {
        String old = label;
        label = newLabel;
        return old;
    }

    public synchronized String label() {
        return label;
    }

    public synchronized void addRound() {
        current().rounds++;
    }

    public synchronized void addSent(long bytes) {
        Counter c = current();
        c.bytesSent += bytes;
        c.framesSent++;
    }

    public synchronized void addReceived(long bytes) {
        current().bytesReceived += bytes;
    }

    private Counter current() {
        return byLabel.computeIfAbsent(label, k -> new Counter());
    }

    /** A snapshot of the counters by label. */
    public synchronized Map<String, Counter> snapshot() {
        Map<String, Counter> m = new LinkedHashMap<>();
        byLabel.forEach((k, v) -> m.put(k, v.copy()));
        return m;
    }

    /** Totals over all labels. */
    public synchronized Counter total() {
        Counter t = new Counter();
        for (Counter c : byLabel.values()) {
            t.rounds += c.rounds;
            t.bytesSent += c.bytesSent;
            t.bytesReceived += c.bytesReceived;
            t.framesSent += c.framesSent;
        }
        return t;
    }

    public synchronized void reset() {
        byLabel.clear();
    }
}
