package org.cryptorch.net;

import java.io.IOException;
import java.net.Socket;
import javax.net.ssl.SSLSocket;

/** Socket settings shared by both ends, and the TLS-or-plain choice. */
final class Sockets {
    /** Large kernel buffers keep big frames streaming; the kernel caps them at its configured maximum. */
    static final int BUFFER_BYTES = 4 << 20;

    private Sockets() {
    }

    /** Options for a connection socket; call before connect so the receive window can scale. */
    static void tune(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        s.setSendBufferSize(BUFFER_BYTES);
        s.setReceiveBufferSize(BUFFER_BYTES);
        s.setKeepAlive(true);
    }

    /** Runs the TLS handshake now (under the socket's read timeout) rather than on the first write. */
    static SSLSocket handshake(SSLSocket s) throws IOException {
        s.startHandshake();
        return s;
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing useful to do: the connection is being abandoned
        }
    }
}
