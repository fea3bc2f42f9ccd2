package org.cryptorch.net.link;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay that behaves like a network link: every connection accepted on a loopback port is forwarded to a
 * target on this machine, each direction delayed and rate-limited by {@link LinkSettings} (the kernel has no netem
 * here, so the delay is emulated in user space). What runs through it (parties, dealer, TLS) is unchanged; only
 * loopback addresses are accepted, as it is meant to try a deployment, not to route traffic.
 */
public final class LinkEmulator implements Closeable {
    private final ServerSocket server;
    private final InetSocketAddress target;
    private final LinkSettings link;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private LinkEmulator(ServerSocket server, InetSocketAddress target, LinkSettings link) {
        this.server = server;
        this.target = target;
        this.link = link;
        this.acceptor = Thread.ofPlatform().daemon().name("link-accept-" + server.getLocalPort()).start(this::accept);
    }

    /**
     * Listens on loopback port {@code listenPort} (0 for a free one) and forwards to {@code host:port}, which must
     * be a loopback address.
     */
    public static LinkEmulator start(int listenPort, String host, int port, LinkSettings link) throws IOException {
        InetAddress address = InetAddress.getByName(host);
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("link target " + host + " is not a loopback address: the link "
                + "emulator relays between processes on this machine only");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("link target port must be 1-65535, got " + port);
        }
        ServerSocket server = new ServerSocket();
        try {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort));
        } catch (IOException e) {
            server.close();
            throw new IOException("link cannot listen on port " + listenPort + ": " + e.getMessage(), e);
        }
        return new LinkEmulator(server, new InetSocketAddress(address, port), link);
    }

    public int port() {
        return server.getLocalPort();
    }

    public LinkSettings settings() {
        return link;
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket inbound;
            try {
                inbound = server.accept();
            } catch (IOException e) {
                return;
            }
            sockets.add(inbound);
            Socket outbound = new Socket();
            sockets.add(outbound);
            try {
                outbound.connect(target, 10_000);
            } catch (IOException e) {
                // The peer behind the link is not up: the connecting side sees the connection close and retries.
                closeQuietly(inbound, outbound);
                continue;
            }
            relay(inbound, outbound);
        }
    }

    private void relay(Socket a, Socket b) {
        Runnable close = () -> {
            closeQuietly(a, b);
            sockets.remove(a);
            sockets.remove(b);
        };
        // Each direction half-closes its far side when its near side ends; once both have, the connection is done.
        AtomicInteger open = new AtomicInteger(2);
        Runnable ended = () -> {
            if (open.decrementAndGet() == 0) {
                close.run();
            }
        };
        try {
            for (Socket s : List.of(a, b)) {
                s.setTcpNoDelay(true);
            }
            String name = "link-" + a.getPort();
            new DelayedDirection(a.getInputStream(), b.getOutputStream(), () -> halfClose(b, ended), close, link)
                .start(name + "-out");
            new DelayedDirection(b.getInputStream(), a.getOutputStream(), () -> halfClose(a, ended), close, link)
                .start(name + "-back");
        } catch (IOException e) {
            close.run();
        }
    }

    private static void halfClose(Socket s, Runnable ended) {
        try {
            s.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(s);
        }
        ended.run();
    }

    private static void closeQuietly(Socket... all) {
        for (Socket s : all) {
            try {
                s.close();
            } catch (IOException e) {
                // closing is all we want; nothing to report
            }
        }
    }

    /** Stops accepting and closes every relayed connection (the processes on both sides see them close). */
    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
