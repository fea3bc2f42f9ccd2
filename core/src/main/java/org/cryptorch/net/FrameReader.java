package org.cryptorch.net;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads the frames written by {@link FrameWriter}, validating each header before allocating its payload so that
 * garbage on the wire yields a {@link MalformedFrameException} instead of a huge allocation.
 */
final class FrameReader {
    /** TLS record content types (change_cipher_spec, alert, handshake, application_data) start a TLS peer's bytes. */
    private static final int TLS_RECORD_TYPES_FIRST = 0x14;
    private static final int TLS_RECORD_TYPES_LAST = 0x17;

    private final InputStream in;
    private final long maxFrameBytes;
    private final byte[] chunk = new byte[FrameWriter.CHUNK_BYTES];
    private final ByteBuffer chunkView = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);

    FrameReader(InputStream in, long maxFrameBytes) {
        this.in = in;
        this.maxFrameBytes = maxFrameBytes;
    }

    /** The next frame, or null if the peer closed the stream cleanly between frames. */
    Frame read() throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        FrameType type = FrameType.of((byte) first);
        if (type == null) {
            throw new MalformedFrameException(String.format("unknown frame type 0x%02x", first)
                + (first >= TLS_RECORD_TYPES_FIRST && first <= TLS_RECORD_TYPES_LAST
                    ? " (a TLS record: is TLS on at one end only?)" : ""));
        }
        readFully(chunk, 0, FrameWriter.HEADER_BYTES - 1);
        long length = chunkView.getLong(0);
        if (length < 0 || length > maxFrameBytes) {
            throw new MalformedFrameException("frame length " + length + " is outside [0, " + maxFrameBytes
                + "] bytes");
        }
        if (type == FrameType.RING) {
            if (length % Long.BYTES != 0) {
                throw new MalformedFrameException("ring frame length " + length + " is not a multiple of 8");
            }
            return new Frame(type, readLongs((int) (length / Long.BYTES)));
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        readFully(payload, 0, payload.length);
        return new Frame(type, payload);
    }

    private long[] readLongs(int count) throws IOException {
        long[] result = new long[count];
        int done = 0;
        while (done < count) {
            int n = Math.min(count - done, chunk.length / Long.BYTES);
            readFully(chunk, 0, n * Long.BYTES);
            chunkView.clear();
            chunkView.asLongBuffer().get(result, done, n);
            done += n;
        }
        return result;
    }

    private void readFully(byte[] dst, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n = in.read(dst, offset + done, length - done);
            if (n < 0) {
                throw new EOFException("stream ended inside a frame");
            }
            done += n;
        }
    }
}
