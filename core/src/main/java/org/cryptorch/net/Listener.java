package org.cryptorch.net;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLSocket;

/**
 * The listening end of connection setup: binds a port, then accepts exactly the expected peers, each of which must
 * state its identity in the hello and (with TLS) present that identity's pinned certificate. Stray or impostor
 * connections are rejected with a reason sent back to them, and the listener keeps waiting for the real peers.
 */
public final class Listener implements AutoCloseable {
    private final NetConfig config;
    private final ServerSocket server;
    private final List<String> rejections = new ArrayList<>();

    private Listener(NetConfig config, ServerSocket server) {
        this.config = config;
        this.server = server;
    }

    /** Listens on all interfaces at {@code port}; 0 picks a free port (see {@link #port()}). */
    public static Listener open(NetConfig config, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
        }
        ServerSocket server = null;
        try {
            server = new ServerSocket();
            server.setReceiveBufferSize(Sockets.BUFFER_BYTES); // inherited by accepted sockets
            server.bind(new InetSocketAddress(port));
            return new Listener(config, server);
        } catch (BindException e) {
            closeQuietly(server);
            throw new ConnectionSetupException(config.self() + " cannot listen on port " + port
                + ": it is already in use", e);
        } catch (IOException e) {
            closeQuietly(server);
            throw new ConnectionSetupException(config.self() + " cannot listen on port " + port + ": "
                + e.getMessage(), e);
        }
    }

    /** The bound port (the chosen one if opened with port 0). */
    public int port() {
        return server.getLocalPort();
    }

    public TcpChannel accept(String peer) {
        return accept(List.of(peer)).get(peer);
    }

    /**
     * Waits until every peer in {@code peers} has connected and passed the hello, at most the config's connect
     * timeout; returns their channels by identity. On failure no channel is left open.
     */
    public Map<String, TcpChannel> accept(Collection<String> peers) {
        Set<String> missing = new LinkedHashSet<>(peers);
        Map<String, TcpChannel> connected = new LinkedHashMap<>();
        PinnedTls tls = config.tlsEnabled() ? PinnedTls.load(config.keyDir(), config.self(), missing) : null;
        long deadline = System.nanoTime() + config.connectTimeout().toNanos();
        try {
            while (!missing.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw notConnected(missing);
                }
                server.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
                Socket raw;
                try {
                    raw = server.accept();
                } catch (SocketTimeoutException e) {
                    throw notConnected(missing);
                }
                TcpChannel channel = admit(raw, tls, missing);
                if (channel != null) {
                    missing.remove(channel.peer());
                    connected.put(channel.peer(), channel);
                }
            }
            return connected;
        } catch (IOException e) {
            connected.values().forEach(TcpChannel::close);
            throw new ConnectionSetupException(config.self() + " failed accepting on port " + port() + ": "
                + e.getMessage(), e);
        } catch (RuntimeException e) {
            connected.values().forEach(TcpChannel::close);
            throw e;
        }
    }

    /** Runs TLS and hello on one accepted socket; returns its channel, or null (recorded) if it was rejected. */
    private TcpChannel admit(Socket raw, PinnedTls tls, Set<String> expected) {
        String from = raw.getInetAddress().getHostAddress() + ":" + raw.getPort();
        try {
            Sockets.tune(raw);
            raw.setSoTimeout(Math.toIntExact(config.timeout().toMillis()));
            Socket streams = tls == null ? raw : Sockets.handshake(tls.server(raw));
            Hello hello = new Hello(streams);
            String claimed = hello.receive("connection from " + from, config.timeout());
            String problem = refusal(claimed, expected, tls, streams);
            if (problem != null) {
                hello.reject(config.self() + " refuses " + from + ": " + problem);
                rejections.add(from + " " + problem);
                Sockets.closeQuietly(raw);
                return null;
            }
            hello.send(config.self());
            return new TcpChannel(config.self(), claimed, raw, streams, config.timeout(), config.maxFrameBytes());
        } catch (IOException | ConnectionSetupException e) {
            rejections.add(from + " " + e.getMessage());
            Sockets.closeQuietly(raw);
            return null;
        }
    }

    /** Why a peer claiming {@code claimed} must be turned away, or null if it is welcome. */
    private static String refusal(String claimed, Set<String> expected, PinnedTls tls, Socket streams)
            throws IOException {
        if (!expected.contains(claimed)) {
            return "unexpected identity '" + claimed + "' (waiting for " + String.join(", ", expected) + ")";
        }
        if (tls != null) {
            String certified = tls.peerIdentity((SSLSocket) streams);
            if (!certified.equals(claimed)) {
                return "claims to be " + claimed + " but presented the certificate of " + certified;
            }
        }
        return null;
    }

    private ConnectionSetupException notConnected(Set<String> missing) {
        String msg = String.join(", ", missing) + " did not connect to " + config.self() + " on port " + port()
            + " within " + Durations.format(config.connectTimeout());
        if (!rejections.isEmpty()) {
            msg += "; rejected: " + String.join("; ", rejections);
        }
        return new ConnectionSetupException(msg);
    }

    @Override
    public void close() {
        closeQuietly(server);
    }

    private static void closeQuietly(ServerSocket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // the port is released either way
            }
        }
    }
}
