package org.cryptorch.api;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.cryptorch.net.ConnectionSetupException;
import org.cryptorch.net.Listener;
import org.cryptorch.net.NetConfig;
import org.cryptorch.net.TcpChannel;
import org.cryptorch.tensor.Shape;

/**
 * The model owner's long-lived server (party 1 of every session): it listens for clients at its cluster address and
 * serves client sessions, each many queries long, at most {@link Limits#maxConcurrent} at once; up to
 * {@link Limits#queue} more clients wait (told their place), and a client beyond that is refused with a one-line
 * "busy" reason. Programs are compiled once per input shape and kept across sessions; within a session the weights
 * are shared and their masks opened once, and the links are warmed up once. A failing session (a bad query, a
 * client gone mid-query, a dealer lost) ends with one log line and the others go on. {@link #stop} lets the running
 * queries finish, refuses waiting and new clients, and returns once the sessions have ended.
 */
public final class ModelServer extends ListeningService {
    /** How long the accept loop waits for a client before it looks again whether the server is stopping. */
    private static final Duration ACCEPT_POLL = Duration.ofMillis(200);

    private final Model model;
    private final RunOptions options;
    private final Limits limits;
    private final Path statsFile;
    private final Consumer<String> log;
    private final NetConfig net;
    private final Rendezvous where;
    /** Correlation shares a session holds ahead of its next query (the cluster's {@code prefetch_mb}). */
    private final long prefetchWords;
    private final Map<Map<String, Shape>, Executable> compiled = new ConcurrentHashMap<>();
    private final ExecutorService sessionThreads;
    /** Clients admitted and not yet done: the running sessions and those waiting for a free slot. */
    private final AtomicInteger admitted = new AtomicInteger();
    private final AtomicLong queries = new AtomicLong();
    private long sessions;

    /**
     * How many client sessions run at once ({@code maxConcurrent}, at least 1) and how many admitted clients may wait
     * for one of them to end ({@code queue}, at least 0); a client beyond both is told the server is busy.
     */
    public record Limits(int maxConcurrent, int queue) {
        /** One session at a time, up to 8 clients waiting. */
        public static final Limits DEFAULT = new Limits(1, 8);

        public Limits {
            if (maxConcurrent < 1) {
                throw new IllegalArgumentException("--max-concurrent must be at least 1, got " + maxConcurrent);
            }
            if (queue < 0) {
                throw new IllegalArgumentException("--queue must be at least 0, got " + queue);
            }
        }
    }

    private ModelServer(Model model, RunOptions options, Limits limits, ClusterConfig cluster, Path statsFile,
                        Consumer<String> log) {
        super(Listener.open(cluster.net(Links.PARTY1), cluster.party1().bindHost(), cluster.party1().port(),
            List.of(Links.PARTY0)));
        this.model = model;
        this.options = options;
        this.limits = limits;
        this.statsFile = statsFile;
        this.log = log;
        this.net = cluster.net(Links.PARTY1);
        this.where = cluster.rendezvous();
        AtomicInteger threads = new AtomicInteger();
        this.sessionThreads = Executors.newFixedThreadPool(limits.maxConcurrent(),
            r -> new Thread(r, "model-session-" + threads.incrementAndGet()));
        this.prefetchWords = cluster.prefetchWords();
    }

    /**
     * Starts serving {@code options.model()} (the full model: this process owns the weights) with its plan and
     * calibration at the party-1 address of {@code cluster}, on a thread of its own.
     *
     * @param statsFile where one JSON line per query is appended (the server's own figures), or null
     * @param log       receives one line per query, per refused client and per failed session
     */
    public static ModelServer start(ClusterConfig cluster, RunOptions options, Limits limits, Path statsFile,
                                    Consumer<String> log) {
        Model model = Model.load(options.model());
        model.requireWeights("serve");
        if (options.owners().weightOwner() != 1 || !ClientSession.clientOwnsAll(options.owners())) {
            throw new IllegalArgumentException("a server owns the weights (party 1) and its clients the inputs "
                + "(party 0)");
        }
        ModelServer server = new ModelServer(model, options, limits, cluster, statsFile, log);
        server.startThread("model-server");
        return server;
    }

    /**
     * Admits clients until stopped: a client gets a session thread when one is free, else waits in the thread pool's
     * queue (told how many are ahead) if the queue has room, else is refused as busy. Only this thread admits, so
     * the count checked is never exceeded.
     */
    @Override
    void serve() {
        log.accept("serving " + model.name() + " on port " + listener.port() + " (at most " + limits.maxConcurrent()
            + " session(s) at once, " + limits.queue() + " waiting)");
        while (!stopping()) {
            TcpChannel client;
            try {
                client = listener.next(ACCEPT_POLL);
            } catch (ConnectionSetupException e) {
                continue; // the listener was closed: the server is stopping
            }
            if (client == null) {
                continue;
            }
            int ahead = admitted.get();
            if (ahead >= limits.maxConcurrent() + limits.queue()) {
                refuse(client, ahead);
                continue;
            }
            admitted.incrementAndGet();
            long session = ++sessions;
            try {
                if (ahead >= limits.maxConcurrent()) {
                    SessionAdmission.queued(client, ahead - limits.maxConcurrent() + 1);
                }
                sessionThreads.execute(() -> {
                    try {
                        serveSession(client, session);
                    } finally {
                        admitted.decrementAndGet();
                    }
                });
            } catch (RuntimeException e) {
                admitted.decrementAndGet();
                client.close();
                log.accept("client " + client.peer() + "#" + session + " failed: " + Failures.firstLine(e));
            }
        }
        sessionThreads.shutdown();
        try {
            sessionThreads.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void refuse(TcpChannel client, int ahead) {
        String reason = ahead + " session(s) running or waiting (--max-concurrent " + limits.maxConcurrent()
            + ", --queue " + limits.queue() + "); try again later";
        refuseQuietly(client, reason);
        log.accept("refused a client from " + client.remoteAddress() + ": busy, " + reason);
    }

    /** Tells {@code client} why it is refused and closes it. */
    private static void refuseQuietly(TcpChannel client, String reason) {
        try (client) {
            SessionAdmission.refuse(client, reason);
        } catch (RuntimeException e) {
            // the client is gone already; it is refused either way
        }
    }

    /** Runs one client's queries until it ends the session, the server stops, or the session fails. */
    private void serveSession(TcpChannel client, long session) {
        String peer = client.peer() + "#" + session;
        if (stopping()) {
            refuseQuietly(client, "the server is stopping");
            return;
        }
        try (client; Links links = Links.serverSession(net, client, where);
             PartySession s = new PartySession(1, model, options, links, compiled, prefetchWords,
                 Progress.NONE)) {
            log.accept("session " + peer + " from " + client.remoteAddress() + " admitted");
            while (!stopping()) {
                long t = System.nanoTime();
                PartySession.Query q = s.next(Map.of());
                if (q == null) {
                    return;
                }
                logQuery(queries.incrementAndGet(), peer, q, (System.nanoTime() - t) / 1e9);
            }
            s.endBetweenQueries();
        } catch (RuntimeException | IOException e) {
            log.accept("session " + peer + " failed: " + Failures.firstLine(e));
        }
    }

    private void logQuery(long id, String peer, PartySession.Query q, double wallSeconds) {
        PartyFigures f = q.mine();
        log.accept(String.format("query %d from %s: shape %s, online %.3f s, rounds %d, bytes sent %d, wall %.3f s",
            id, peer, q.shapesText(), f.onlineNanos / 1e9, f.rounds, f.bytesSent, wallSeconds));
        if (statsFile == null) {
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("query", id);
        line.put("peer", peer);
        Map<String, int[]> dims = new LinkedHashMap<>();
        q.shapes().forEach((name, shape) -> dims.put(name, shape.dims()));
        line.put("shape", dims.size() == 1 ? dims.values().iterator().next() : dims);
        line.put("online_seconds", f.onlineNanos / 1e9);
        line.put("offline_seconds", f.offlineNanos / 1e9);
        line.put("setup_seconds", (f.setupNanos + f.compileNanos) / 1e9);
        line.put("wall_seconds", wallSeconds);
        line.put("rounds", f.rounds);
        line.put("bytes_sent", f.bytesSent);
        line.put("offline_bytes", f.offlineBytes);
        JsonLines.append(statsFile, line);
    }
}
