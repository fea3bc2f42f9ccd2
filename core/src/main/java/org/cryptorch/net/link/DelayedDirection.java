package org.cryptorch.net.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;

/**
 * One direction of an emulated link: a reader thread stamps each chunk it receives with the time it would arrive at
 * the far end of a link of the given rate and delay (the wire is busy for {@code length / rate} per chunk, one chunk
 * after another, then the chunk travels for the one-way delay), and a writer thread hands it on at that time.
 *
 * <p>At most {@link #bufferBytes} are in flight; beyond that the reader stops reading, so the sender's TCP window
 * closes as it would behind a slow link instead of this process buffering without bound. End of stream is passed on
 * as a half close after the data before it; a failure on either side closes the connection and ends both threads.
 */
final class DelayedDirection {
    private static final int CHUNK = 64 * 1024;
    private static final Chunk END = new Chunk(new byte[0], 0, 0);

    private record Chunk(byte[] data, int length, long deliverAtNanos) {
    }

    private final InputStream in;
    private final OutputStream out;
    private final Runnable endOfStream;
    private final Runnable fail;
    private final LinkSettings link;
    private final int bufferBytes;
    private final Semaphore room;
    private final BlockingQueue<Chunk> inFlight;
    private long wireFreeAtNanos;

    DelayedDirection(InputStream in, OutputStream out, Runnable endOfStream, Runnable fail, LinkSettings link) {
        this.in = in;
        this.out = out;
        this.endOfStream = endOfStream;
        this.fail = fail;
        this.link = link;
        // Twice what the link holds in flight (rate x delay), and room for a few chunks on a fast, short link.
        double bandwidthDelay = link.bytesPerSecond() * (link.oneWayDelayNanos() / 1e9 + 0.005);
        this.bufferBytes = (int) Math.min(256L << 20, Math.max(8L * CHUNK, (long) (2 * bandwidthDelay)));
        this.room = new Semaphore(bufferBytes);
        this.inFlight = new ArrayBlockingQueue<>(bufferBytes / 1024 + 2);
    }

    void start(String name) {
        Thread.ofPlatform().daemon().name(name + "-read").start(this::read);
        Thread.ofPlatform().daemon().name(name + "-write").start(this::write);
    }

    private void read() {
        try {
            while (true) {
                byte[] buf = new byte[CHUNK];
                int n = in.read(buf);
                long now = System.nanoTime();
                if (n < 0) {
                    inFlight.put(END);
                    return;
                }
                room.acquire(n);
                long start = Math.max(now, wireFreeAtNanos);
                wireFreeAtNanos = start + (long) (n * 1e9 / link.bytesPerSecond());
                inFlight.put(new Chunk(buf, n, wireFreeAtNanos + link.oneWayDelayNanos()));
            }
        } catch (IOException | InterruptedException e) {
            fail.run();
            inFlight.offer(END); // wakes the writer if it waits for a chunk
        }
    }

    private void write() {
        try {
            while (true) {
                Chunk c = inFlight.take();
                if (c == END) {
                    out.flush();
                    endOfStream.run();
                    return;
                }
                waitUntil(c.deliverAtNanos());
                out.write(c.data(), 0, c.length());
                out.flush();
                room.release(c.length());
            }
        } catch (IOException | InterruptedException e) {
            fail.run();
            room.release(bufferBytes); // wakes the reader if it waits for room; it then fails on the closed socket
        }
    }

    private static void waitUntil(long deadline) {
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
