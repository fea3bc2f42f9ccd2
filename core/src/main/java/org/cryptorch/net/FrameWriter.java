package org.cryptorch.net;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes frames: a 9-byte header (type byte, payload length in bytes as a little-endian long) and the payload.
 * Payloads go out through one reusable chunk buffer, so a frame of any size costs no allocation; the header shares
 * the first write with the payload, so a small frame is one write (one TCP segment with TCP_NODELAY).
 * Not thread-safe: the owning channel serialises senders.
 */
final class FrameWriter {
    static final int HEADER_BYTES = 9;
    static final int CHUNK_BYTES = 1 << 20;

    private final OutputStream out;
    private final ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);

    FrameWriter(OutputStream out) {
        this.out = out;
    }

    void writeRing(long[] data, int offset, int length) throws IOException {
        startFrame(FrameType.RING, 8L * length);
        int done = 0;
        while (true) {
            int n = Math.min(length - done, chunk.remaining() / Long.BYTES);
            // Bulk little-endian copy through a LongBuffer view (a plain memory copy on little-endian hardware).
            chunk.asLongBuffer().put(data, offset + done, n);
            chunk.position(chunk.position() + n * Long.BYTES);
            done += n;
            flushChunk();
            if (done == length) {
                return;
            }
        }
    }

    void writeBytes(FrameType type, byte[] data) throws IOException {
        startFrame(type, data.length);
        int done = 0;
        while (true) {
            int n = Math.min(data.length - done, chunk.remaining());
            chunk.put(data, done, n);
            done += n;
            flushChunk();
            if (done == data.length) {
                return;
            }
        }
    }

    private void startFrame(FrameType type, long payloadBytes) {
        chunk.clear();
        chunk.put(type.code).putLong(payloadBytes);
    }

    private void flushChunk() throws IOException {
        out.write(chunk.array(), 0, chunk.position());
        chunk.clear();
    }
}
