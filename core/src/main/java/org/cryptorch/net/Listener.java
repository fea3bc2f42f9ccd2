package org.cryptorch.net;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;

/**
 * The listening end of connection setup: binds one address and admits the allowed peers, each of which must state
 * its identity in the hello and (with TLS) present that identity's pinned certificate. Connections are admitted
 * concurrently, each with a short handshake deadline ({@link #HANDSHAKE_TIMEOUT}), so a stray, silent or impostor
 * connection never delays a real peer: it is turned away (with a reason sent back when it got as far as a hello)
 * while the real peers are admitted beside it. Admitted channels wait in arrival order for {@link #accept} or
 * {@link #next}; a long-lived server calls {@link #next} in a loop.
 */
public final class Listener implements AutoCloseable {
    /** Longest a connection may take for its TLS handshake and hello before it is dropped. */
    public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /** Connections in their handshake at once; more are closed at once (a flood cannot exhaust threads). */
    static final int MAX_PENDING_HANDSHAKES = 32;
    /** How often a waiting {@link #accept} or {@link #next} looks whether the listener was closed. */
    private static final long CLOSE_CHECK_NANOS = 50_000_000L;

    private final NetConfig config;
    private final ServerSocket server;
    private final String address;
    private final Set<String> allowed;
    private final PinnedTls tls;
    private final BlockingQueue<TcpChannel> admitted = new LinkedBlockingQueue<>();
    private final List<String> rejections = new ArrayList<>();
    private final Set<Socket> inHandshake = ConcurrentHashMap.newKeySet();
    private final Semaphore handshakeSlots = new Semaphore(MAX_PENDING_HANDSHAKES);
    private final Thread acceptor;
    private volatile boolean closed;

    private Listener(NetConfig config, ServerSocket server, String address, Set<String> allowed) {
        this.config = config;
        this.server = server;
        this.address = address;
        this.allowed = allowed;
        this.tls = config.tlsEnabled() ? PinnedTls.load(config.keyDir(), config.self(), allowed) : null;
        this.acceptor = Thread.ofPlatform().daemon().name(config.self() + "-listener-" + server.getLocalPort())
            .start(this::acceptLoop);
    }

    /**
     * Listens on {@code host:port} (the address the deployment names for this process, so no other interface is
     * exposed; {@code 0.0.0.0} for all) and admits the identities in {@code peers}. Port 0 picks a free port
     * ({@link #port()}).
     */
    public static Listener open(NetConfig config, String host, int port, Collection<String> peers) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
        }
        String address = host + ":" + port;
        InetSocketAddress at = new InetSocketAddress(host, port);
        if (at.isUnresolved()) {
            throw new ConnectionSetupException(config.self() + " cannot listen on " + address + ": unknown host "
                + host);
        }
        ServerSocket server = null;
        try {
            server = new ServerSocket();
            server.setReceiveBufferSize(Sockets.BUFFER_BYTES); // inherited by accepted sockets
            server.bind(at);
            return new Listener(config, server, host + ":" + server.getLocalPort(), new LinkedHashSet<>(peers));
        } catch (BindException e) {
            closeQuietly(server);
            throw new ConnectionSetupException(config.self() + " cannot listen on " + address + ": "
                + (e.getMessage().contains("in use") ? "it is already in use"
                    : e.getMessage() + " (is " + host + " an address of this host?)"), e);
        } catch (IOException e) {
            closeQuietly(server);
            throw new ConnectionSetupException(config.self() + " cannot listen on " + address + ": "
                + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(server);
            throw e;
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
     * Waits until every peer in {@code peers} has been admitted, at most the config's connect timeout; returns
     * their channels by identity. A second connection under an identity already taken is closed. On failure no
     * channel is left open.
     */
    public Map<String, TcpChannel> accept(Collection<String> peers) {
        Set<String> missing = new LinkedHashSet<>(peers);
        Map<String, TcpChannel> connected = new LinkedHashMap<>();
        long deadline = System.nanoTime() + config.connectTimeout().toNanos();
        try {
            while (!missing.isEmpty()) {
                TcpChannel c = poll(deadline - System.nanoTime());
                if (c == null) {
                    throw notConnected(missing);
                }
                if (missing.remove(c.peer())) {
                    connected.put(c.peer(), c);
                } else {
                    reject(c.peer() + " connected a second time");
                    c.close();
                }
            }
            return connected;
        } catch (RuntimeException e) {
            connected.values().forEach(TcpChannel::close);
            throw e;
        }
    }

    /** The next admitted peer's channel, waiting at most {@code wait}; null if none came. */
    public TcpChannel next(Duration wait) {
        return poll(wait.toNanos());
    }

    /**
     * The next admitted channel within {@code nanos}, or null; waits in slices of {@link #CLOSE_CHECK_NANOS} so that
     * closing the listener (a server stopping) ends a wait at once, with an error.
     */
    private TcpChannel poll(long nanos) {
        long deadline = System.nanoTime() + nanos;
        try {
            while (true) {
                if (closed) {
                    throw new ConnectionSetupException(config.self() + " stopped listening on " + address);
                }
                long left = deadline - System.nanoTime();
                TcpChannel c = admitted.poll(Math.max(0, Math.min(left, CLOSE_CHECK_NANOS)), TimeUnit.NANOSECONDS);
                if (c != null || left <= 0) {
                    return c;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionSetupException(config.self() + " was interrupted waiting for peers on " + address, e);
        }
    }

    /** Accepts until closed; each connection gets its handshake on a virtual thread of its own. */
    private void acceptLoop() {
        while (!closed) {
            Socket raw;
            try {
                raw = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    reject("accepting failed: " + e.getMessage());
                }
                return;
            }
            if (!handshakeSlots.tryAcquire()) {
                reject(from(raw) + " dropped: " + MAX_PENDING_HANDSHAKES + " connections already in handshake");
                Sockets.closeQuietly(raw);
                continue;
            }
            inHandshake.add(raw);
            Thread.ofVirtual().start(() -> {
                TcpChannel c;
                try {
                    c = admit(raw);
                } finally {
                    // out of the handshake set before anyone can take the channel: close() must not close it then
                    inHandshake.remove(raw);
                    handshakeSlots.release();
                }
                if (c != null) {
                    admitted.add(c);
                    if (closed) {
                        closeAdmitted();            // the listener closed during this handshake
                    }
                }
            });
        }
    }

    /** Runs TLS and hello on one accepted socket; returns its channel, or null (recorded) if it was rejected. */
    private TcpChannel admit(Socket raw) {
        String from = from(raw);
        Duration limit = config.timeout().compareTo(HANDSHAKE_TIMEOUT) < 0 ? config.timeout() : HANDSHAKE_TIMEOUT;
        try {
            Sockets.tune(raw);
            raw.setSoTimeout(Math.toIntExact(limit.toMillis()));
            Socket streams = tls == null ? raw : Sockets.handshake(tls.server(raw));
            Hello hello = new Hello(streams);
            String claimed = hello.receive("connection from " + from, limit);
            String problem = refusal(claimed, streams);
            if (problem != null) {
                hello.reject(config.self() + " refuses " + from + ": " + problem);
                reject(from + " " + problem);
                Sockets.closeQuietly(raw);
                return null;
            }
            hello.send(config.self());
            return new TcpChannel(config.self(), claimed, raw, streams, config.timeout(), config.maxFrameBytes());
        } catch (IOException | RuntimeException e) {
            reject(from + " " + e.getMessage());
            Sockets.closeQuietly(raw);
            return null;
        }
    }

    /** Why a peer claiming {@code claimed} must be turned away, or null if it is welcome. */
    private String refusal(String claimed, Socket streams) throws IOException {
        if (!allowed.contains(claimed)) {
            return "unexpected identity '" + claimed + "' (waiting for " + String.join(", ", allowed) + ")";
        }
        if (tls != null) {
            String certified = tls.peerIdentity((SSLSocket) streams);
            if (!certified.equals(claimed)) {
                return "claims to be " + claimed + " but presented the certificate of " + certified;
            }
        }
        return null;
    }

    private void reject(String why) {
        synchronized (rejections) {
            rejections.add(why);
        }
    }

    private static String from(Socket raw) {
        return raw.getInetAddress().getHostAddress() + ":" + raw.getPort();
    }

    private ConnectionSetupException notConnected(Set<String> missing) {
        String msg = String.join(", ", missing) + " did not connect to " + config.self() + " on " + address
            + " within " + Durations.format(config.connectTimeout());
        synchronized (rejections) {
            if (!rejections.isEmpty()) {
                msg += "; rejected: " + String.join("; ", rejections);
            }
        }
        return new ConnectionSetupException(msg);
    }

    /** Stops listening, drops connections still in their handshake and closes admitted channels nobody took. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        inHandshake.forEach(Sockets::closeQuietly);
        closeAdmitted();
        try {
            acceptor.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeAdmitted() {
        for (TcpChannel c; (c = admitted.poll()) != null; ) {
            c.close();
        }
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
