package org.cryptorch.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * A {@link Channel} over one TCP (optionally TLS) connection. A dedicated reader thread decodes incoming frames into
 * a queue, so both ends may send large frames at the same time without deadlock (the protocol layer sends, then
 * receives, on one thread). A receive fails once the peer has sent no bytes for the configured timeout (a large
 * frame that keeps arriving is waited for); a send fails once the peer has accepted no bytes for that long. Peer
 * death, malformed frames and size mismatches surface as {@link ProtocolException}s naming this side, the peer and
 * the current step label.
 * Created by {@link Listener} and {@link Connector}, which perform the hello exchange first.
 */
public final class TcpChannel implements Channel {
    /** Queue marker: the reader thread stopped; {@link #end} says why. */
    private static final Object END = new Object();

    private final String self;
    private final String peer;
    private final Socket socket;
    private final FrameWriter writer;
    private final FrameReader reader;
    private final Duration timeout;
    private final TrafficStats stats = new TrafficStats();
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread readerThread;
    /** Start of the socket write in progress (System.nanoTime), or 0 when no write is blocked. */
    private volatile long writeStartedNanos;
    private volatile boolean sendStalled;
    /** When the reader thread last got bytes (System.nanoTime): a large frame still arriving is not silence. */
    private volatile long lastReadNanos;
    /** Why the reader thread stopped, as a message for a given step label; set before {@link #END} is queued. */
    private volatile UnaryOperator<String> end;

    /**
     * Takes over a connected socket whose hello exchange is done. {@code socket} is the socket to close (the raw TCP
     * socket under TLS); {@code streams} is the socket to read and write (the TLS socket, or the same socket).
     */
    TcpChannel(String self, String peer, Socket socket, Socket streams, Duration timeout, long maxFrameBytes)
            throws IOException {
        this.self = self;
        this.peer = peer;
        this.socket = socket;
        this.timeout = timeout;
        socket.setSoTimeout(0); // the reader thread blocks indefinitely; timeouts are enforced on the queue
        this.reader = new FrameReader(new WatchedInput(streams.getInputStream()), maxFrameBytes);
        this.writer = new FrameWriter(new WatchedOutput(streams.getOutputStream()));
        SendWatchdog.register(this);
        this.readerThread = Thread.ofPlatform().daemon().name("cryptorch-net-" + self + "-from-" + peer)
            .start(this::readLoop);
    }

    @Override
    public String peer() {
        return peer;
    }

    /** The peer's IP address and port, for logs. */
    public String remoteAddress() {
        return socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
    }

    @Override
    public TrafficStats stats() {
        return stats;
    }

    @Override
    public synchronized void send(long[] data, int offset, int length) {
        stats.addSent(8L * length);
        try {
            writer.writeRing(data, offset, length);
        } catch (IOException e) {
            throw sendFailure(e);
        }
    }

    @Override
    public synchronized void sendBytes(byte[] data) {
        stats.addSent(data.length);
        try {
            writer.writeBytes(FrameType.BYTES, data);
        } catch (IOException e) {
            throw sendFailure(e);
        }
    }

    @Override
    public void receive(long[] dst, int offset, int length) {
        System.arraycopy(receive(length), 0, dst, offset, length);
    }

    /** Returns the received frame itself (no copy). */
    @Override
    public long[] receive(int length) {
        Object frame = take();
        if (!(frame instanceof long[] ring)) {
            throw new ProtocolException(self + ": expected a ring frame from " + peer + " during '" + stats.label()
                + "', got a byte frame");
        }
        if (ring.length != length) {
            throw new ProtocolException(self + ": frame of " + ring.length + " longs from " + peer + " during '"
                + stats.label() + "', expected " + length);
        }
        stats.addReceived(8L * length);
        return ring;
    }

    @Override
    public byte[] receiveBytes() {
        Object frame = take();
        if (!(frame instanceof byte[] bytes)) {
            throw new ProtocolException(self + ": expected a byte frame from " + peer + " during '" + stats.label()
                + "', got a ring frame of " + ((long[]) frame).length + " longs");
        }
        stats.addReceived(bytes.length);
        return bytes;
    }

    /** Closes the socket and stops the reader thread; idempotent. The peer sees the connection close. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        SendWatchdog.unregister(this);
        closeSocket();
        try {
            readerThread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** For tests: whether the reader thread still runs. */
    boolean readerAlive() {
        return readerThread.isAlive();
    }

    private Object take() {
        Object m = null;
        long waitStart = System.nanoTime();
        while (m == null) {
            long left = Math.max(waitStart, lastReadNanos) + timeout.toNanos() - System.nanoTime();
            if (left <= 0) {
                throw new ProtocolException(self + ": no message from " + peer + " within "
                    + Durations.format(timeout) + " during '" + stats.label() + "'");
            }
            try {
                m = inbox.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProtocolException(self + ": interrupted while waiting for " + peer + " during '"
                    + stats.label() + "'", e);
            }
        }
        if (m == END) {
            inbox.add(END); // every later receive fails the same way
            throw new ProtocolException(self + ": " + end.apply(stats.label()));
        }
        return m;
    }

    private void readLoop() {
        UnaryOperator<String> why;
        try {
            Frame f;
            while ((f = reader.read()) != null) {
                if (f.type() == FrameType.RING || f.type() == FrameType.BYTES) {
                    inbox.add(f.payload());
                } else {
                    throw new MalformedFrameException("unexpected " + f.type() + " frame after connection setup");
                }
            }
            why = closedMessage("");
        } catch (MalformedFrameException e) {
            why = step -> "malformed frame from " + peer + " during '" + step + "': " + e.getMessage();
            closeSocket(); // the stream cannot be resynchronised
        } catch (IOException e) {
            why = closedMessage(" (" + e.getMessage() + ")");
        }
        end = why;
        inbox.add(END);
    }

    private UnaryOperator<String> closedMessage(String detail) {
        boolean byUs = closed.get();
        return step -> byUs ? "channel to " + peer + " was closed by this side (during '" + step + "')"
            : "connection to " + peer + " closed during '" + step + "'" + detail;
    }

    private ProtocolException sendFailure(IOException e) {
        String step = stats.label();
        if (sendStalled) {
            return new ProtocolException(self + ": " + peer + " accepted no data for " + Durations.format(timeout)
                + " during '" + step + "' (peer stalled)", e);
        }
        return new ProtocolException(self + ": " + closedMessage(" (" + e.getMessage() + ")").apply(step), e);
    }

    /** Called by the watchdog: closes the connection if one socket write has been blocked past the timeout. */
    void abortIfSendStalled(long nowNanos) {
        long started = writeStartedNanos;
        if (started != 0 && nowNanos - started > timeout.toNanos()) {
            sendStalled = true;
            closeSocket();
        }
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort; the reader thread ends either way
        }
    }

    /** Records when bytes last arrived, so a receive waits for a large frame as long as it keeps flowing. */
    private final class WatchedInput extends InputStream {
        private final InputStream in;

        WatchedInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                lastReadNanos = System.nanoTime();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                lastReadNanos = System.nanoTime();
            }
            return n;
        }
    }

    /** Marks each write as in progress so the watchdog can tell a stalled peer from an idle channel. */
    private final class WatchedOutput extends OutputStream {
        private final OutputStream out;

        WatchedOutput(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            writeStartedNanos = System.nanoTime();
            try {
                out.write(b, off, len);
            } finally {
                writeStartedNanos = 0;
            }
        }
    }
}
