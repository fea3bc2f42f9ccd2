package org.cryptorch.mpc;

import java.util.ArrayList;
import java.util.List;
import org.cryptorch.net.Channel;
import org.cryptorch.net.TrafficStats;

/** A channel that keeps a copy of every ring frame it receives, to test what a party learns. */
final class RecordingChannel implements Channel {
    private final Channel inner;
    private final List<long[]> received = new ArrayList<>();

    RecordingChannel(Channel inner) {
        this.inner = inner;
    }

    /** Every received ring word, in arrival order. */
    synchronized long[] receivedWords() {
        return received.stream().flatMapToLong(java.util.Arrays::stream).toArray();
    }

    @Override
    public String peer() {
        return inner.peer();
    }

    @Override
    public void send(long[] data, int offset, int length) {
        inner.send(data, offset, length);
    }

    @Override
    public void receive(long[] dst, int offset, int length) {
        inner.receive(dst, offset, length);
        long[] copy = new long[length];
        System.arraycopy(dst, offset, copy, 0, length);
        synchronized (this) {
            received.add(copy);
        }
    }

    @Override
    public void sendBytes(byte[] data) {
        inner.sendBytes(data);
    }

    @Override
    public byte[] receiveBytes() {
        throw new UnsupportedOperationException("the arithmetic protocols exchange ring frames only");
    }

    @Override
    public TrafficStats stats() {
        return inner.stats();
    }

    @Override
    public void close() {
        inner.close();
    }
}
