package org.cryptorch.net;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Two connected in-process channels backed by queues, for unit tests; same contract as the TCP channel. */
public final class InMemoryChannel implements Channel {
    private static final Object CLOSED = new Object();

    private final String peer;
    private final String self;
    private final BlockingQueue<Object> inbox;
    private final BlockingQueue<Object> outbox;
    private final TrafficStats stats = new TrafficStats();
    private final Duration timeout;

    private InMemoryChannel(String self, String peer, BlockingQueue<Object> inbox, BlockingQueue<Object> outbox,
                            Duration timeout) {
        this.self = self;
        this.peer = peer;
        this.inbox = inbox;
        this.outbox = outbox;
        this.timeout = timeout;
    }

    /** A connected pair: element 0 is {@code a}'s end (talking to {@code b}), element 1 is {@code b}'s end. */
    public static InMemoryChannel[] pair(String a, String b, Duration timeout) {
        BlockingQueue<Object> ab = new LinkedBlockingQueue<>();
        BlockingQueue<Object> ba = new LinkedBlockingQueue<>();
        return new InMemoryChannel[] {
            new InMemoryChannel(a, b, ba, ab, timeout), new InMemoryChannel(b, a, ab, ba, timeout)};
    }

    public static InMemoryChannel[] pair(String a, String b) {
        return pair(a, b, Duration.ofSeconds(60));
    }

    @Override
    public String peer() {
        return peer;
    }

    @Override
    public void send(long[] data, int offset, int length) {
        long[] copy = new long[length];
        System.arraycopy(data, offset, copy, 0, length);
        stats.addSent(8L * length);
        outbox.add(copy);
    }

    @Override
    public void receive(long[] dst, int offset, int length) {
        Object m = take();
        if (!(m instanceof long[] frame)) {
            throw new ProtocolException(self + ": expected a ring frame from " + peer + " during '" + stats.label()
                + "', got a byte frame");
        }
        if (frame.length != length) {
            throw new ProtocolException(self + ": frame of " + frame.length + " longs from " + peer + " during '"
                + stats.label() + "', expected " + length);
        }
        stats.addReceived(8L * length);
        System.arraycopy(frame, 0, dst, offset, length);
    }

    @Override
    public void sendBytes(byte[] data) {
        stats.addSent(data.length);
        outbox.add(data.clone());
    }

    @Override
    public byte[] receiveBytes() {
        Object m = take();
        if (!(m instanceof byte[] frame)) {
            throw new ProtocolException(self + ": expected a byte frame from " + peer + " during '" + stats.label()
                + "', got a ring frame");
        }
        stats.addReceived(frame.length);
        return frame;
    }

    private Object take() {
        try {
            Object m = inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (m == null) {
                throw new ProtocolException(self + ": no message from " + peer + " within " + timeout.toSeconds()
                    + " s during '" + stats.label() + "'");
            }
            if (m == CLOSED) {
                inbox.add(CLOSED);
                throw new ProtocolException(self + ": " + peer + " closed the connection during '" + stats.label()
                    + "'");
            }
            return m;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProtocolException(self + ": interrupted while waiting for " + peer, e);
        }
    }

    @Override
    public TrafficStats stats() {
        return stats;
    }

    @Override
    public void close() {
        outbox.add(CLOSED);
    }
}
