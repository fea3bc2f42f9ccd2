package org.cryptorch.net;

/**
 * A reliable, ordered, framed link to one peer. Each {@code send} is one frame; the matching {@code receive}
 * must ask for exactly the length that was sent, or it fails with a {@link ProtocolException} naming the peer and
 * the current step label. A receive fails once the peer has been silent for the channel's timeout (a frame that is
 * still arriving counts as activity); it never hangs.
 */
public interface Channel extends AutoCloseable {
    /** Name of the peer at the other end ("party0", "party1", "dealer"), used in error messages. */
    String peer();

    void send(long[] data, int offset, int length);

    /** Fills {@code dst[offset, offset+length)} with the next frame, which must hold exactly that many longs. */
    void receive(long[] dst, int offset, int length);

    void sendBytes(byte[] data);

    byte[] receiveBytes();

    default void send(long[] data) {
        send(data, 0, data.length);
    }

    default long[] receive(int length) {
        long[] r = new long[length];
        receive(r, 0, length);
        return r;
    }

    /** Traffic counters of this channel, split by the step label in force when bytes moved. */
    TrafficStats stats();

    @Override
    void close();
}
