package org.cryptorch.net;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import javax.net.ssl.SSLSocket;

/**
 * The connecting end of connection setup: retries until the peer's listener is up (peers start in any order), then
 * runs TLS and the hello, and checks that the peer is who we dialled.
 */
public final class Connector {
    private static final long RETRY_PAUSE_MILLIS = 100;
    private static final int ATTEMPT_TIMEOUT_MILLIS = 2000;

    private Connector() {
    }

    /** Connects to {@code peer} listening at {@code host:port}, retrying until the config's connect timeout. */
    public static TcpChannel connect(NetConfig config, String peer, String host, int port) {
        String who = peer + " at " + host + ":" + port;
        PinnedTls tls = config.tlsEnabled() ? PinnedTls.load(config.keyDir(), config.self(), List.of(peer)) : null;
        Socket raw = reach(config, who, host, port);
        try {
            raw.setSoTimeout(Math.toIntExact(config.timeout().toMillis()));
            Socket streams = tls == null ? raw : Sockets.handshake(tls.client(raw, host));
            Hello hello = new Hello(streams);
            hello.send(config.self());
            String answered = hello.receive(who, config.timeout());
            if (!answered.equals(peer)) {
                throw new ConnectionSetupException("expected " + who + " but it says it is " + answered);
            }
            if (tls != null && !tls.peerIdentity((SSLSocket) streams).equals(peer)) {
                throw new ConnectionSetupException(who + " did not present the certificate of " + peer);
            }
            return new TcpChannel(config.self(), peer, raw, streams, config.timeout(), config.maxFrameBytes());
        } catch (IOException e) {
            Sockets.closeQuietly(raw);
            throw new ConnectionSetupException(
                (tls == null ? "connection to " : "TLS handshake with ") + who + " failed: " + e.getMessage()
                    + (tls != null && e.getCause() instanceof EOFException
                        ? " (it closed the connection: is TLS on at one end only?)" : ""), e);
        } catch (RuntimeException e) {
            Sockets.closeQuietly(raw);
            throw e;
        }
    }

    private static Socket reach(NetConfig config, String who, String host, int port) {
        long deadline = System.nanoTime() + config.connectTimeout().toNanos();
        while (true) {
            Socket s = new Socket();
            try {
                Sockets.tune(s);
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                s.connect(new InetSocketAddress(host, port), (int) Math.min(ATTEMPT_TIMEOUT_MILLIS, left));
                return s;
            } catch (UnknownHostException e) {
                Sockets.closeQuietly(s);
                throw new ConnectionSetupException("cannot reach " + who + ": unknown host " + host, e);
            } catch (ConnectException | NoRouteToHostException | SocketTimeoutException e) {
                Sockets.closeQuietly(s);
                // the peer may not be listening yet: retry below until the deadline
            } catch (IOException e) {
                Sockets.closeQuietly(s);
                throw new ConnectionSetupException("cannot reach " + who + ": " + e.getMessage(), e);
            }
            if (System.nanoTime() + RETRY_PAUSE_MILLIS * 1_000_000 > deadline) {
                throw new ConnectionSetupException("could not reach " + who + " within "
                    + Durations.format(config.connectTimeout()));
            }
            try {
                Thread.sleep(RETRY_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectionSetupException("interrupted while connecting to " + who, e);
            }
        }
    }
}
