package org.cryptorch.net;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The connection-setup exchange on a fresh (TLS or plain) socket: the connecting side sends a HELLO frame stating
 * its identity, the listening side answers with its own HELLO or with a REJECT frame giving the reason. Frames are
 * read with exact lengths, so the channel built afterwards starts reading at the first data frame.
 */
final class Hello {
    private static final String MAGIC = "cryptorch/1 ";
    /** Hello frames are tiny; a larger announced length means the peer speaks another protocol. */
    private static final long MAX_HELLO_BYTES = 256;

    private final FrameReader reader;
    private final FrameWriter writer;

    /** {@code streams} must already have a read timeout set (on the raw socket, which also bounds TLS reads). */
    Hello(Socket streams) throws IOException {
        this.reader = new FrameReader(streams.getInputStream(), MAX_HELLO_BYTES);
        this.writer = new FrameWriter(streams.getOutputStream());
    }

    void send(String identity) throws IOException {
        writer.writeBytes(FrameType.HELLO, (MAGIC + identity).getBytes(StandardCharsets.UTF_8));
    }

    void reject(String reason) {
        try {
            writer.writeBytes(FrameType.REJECT, reason.getBytes(StandardCharsets.UTF_8));
        } catch (IOException ignored) {
            // the peer may already be gone; it will see the connection close instead
        }
    }

    /**
     * Reads the peer's hello and returns the identity it claims.
     *
     * @param who how to name the peer in errors, e.g. "dealer at 127.0.0.1:7001"
     * @throws ConnectionSetupException if the peer rejected us, went silent, or sent something that is not a hello
     */
    String receive(String who, Duration timeout) {
        Frame f;
        try {
            f = reader.read();
        } catch (SocketTimeoutException e) {
            throw new ConnectionSetupException("no hello from " + who + " within " + Durations.format(timeout));
        } catch (MalformedFrameException e) {
            throw new ConnectionSetupException(who + " does not speak the cryptorch protocol: " + e.getMessage());
        } catch (IOException e) {
            throw new ConnectionSetupException("connection to " + who + " failed during hello: " + e.getMessage(),
                e);
        }
        if (f == null) {
            throw new ConnectionSetupException(who + " closed the connection during hello");
        }
        if (f.type() == FrameType.REJECT) {
            throw new ConnectionSetupException(who + " rejected the connection: " + f.text());
        }
        if (f.type() != FrameType.HELLO || !f.text().startsWith(MAGIC)) {
            throw new ConnectionSetupException(who + " does not speak the cryptorch protocol (bad hello)");
        }
        return f.text().substring(MAGIC.length());
    }
}
