package org.cryptorch.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.cryptorch.net.ConnectionSetupException;
import org.cryptorch.net.Listener;
import org.cryptorch.net.NetConfig;
import org.cryptorch.tensor.Shape;

/**
 * The model owner's long-lived server (party 1 of every session): it listens for clients at its cluster address and
 * serves one client session after another, each many queries long. Programs are compiled once per input shape and
 * kept across sessions; within a session the weights are shared and their masks opened once, and the links are
 * warmed up once. A failing session (a bad query, a client gone mid-query, a dealer lost) ends with one log line and
 * the server takes the next client. {@link #stop} lets the running query finish, then refuses new ones.
 */
public final class ModelServer extends ListeningService {
    private final Model model;
    private final RunOptions options;
    private final Path statsFile;
    private final Consumer<String> log;
    private final NetConfig net;
    private final Rendezvous where;
    private final Map<Shape, Executable> compiled = new ConcurrentHashMap<>();
    private long queries;
    private long sessions;

    private ModelServer(Model model, RunOptions options, ClusterConfig cluster, Path statsFile, Consumer<String> log) {
        super(Listener.open(cluster.net(Links.PARTY1), cluster.party1().bindHost(), cluster.party1().port(),
            List.of(Links.PARTY0)));
        this.model = model;
        this.options = options;
        this.statsFile = statsFile;
        this.log = log;
        this.net = cluster.net(Links.PARTY1);
        this.where = cluster.rendezvous();

    }

    /**
     * Starts serving {@code options.model()} (the full model: this process owns the weights) with its plan and
     * calibration at the party-1 address of {@code cluster}, on a thread of its own.
     *
     * @param statsFile where one JSON line per query is appended (the server's own figures), or null
     * @param log       receives one line per query and per failed session
     */
    public static ModelServer start(ClusterConfig cluster, RunOptions options, Path statsFile, Consumer<String> log) {
        Model model = Model.load(options.model());
        model.requireWeights("serve");
        if (options.owners().weightOwner() != 1 || options.owners().defaultInputOwner() != 0) {
            throw new IllegalArgumentException("a server owns the weights (party 1) and its clients the inputs "
                + "(party 0)");
        }
        ModelServer server = new ModelServer(model, options, cluster, statsFile, log);
        server.startThread("model-server");
        return server;
    }

    @Override
    void serve() {
        log.accept("serving " + model.name() + " on port " + listener.port());
        while (!stopping()) {
            Links links;
            try {
                links = Links.serverSession(net, listener, where);
            } catch (ConnectionSetupException | IOException e) {
                if (!stopping() && !String.valueOf(e.getMessage()).contains("did not connect")) {
                    log.accept("connection failed: " + Failures.firstLine(e));
                }
                continue;
            }
            serveSession(links);
        }
    }

    /** Runs one client's queries until it ends the session, the server stops, or the session fails. */
    private void serveSession(Links links) {
        long session = ++sessions;
        String peer = links.peer().peer() + "#" + session;
        try (links; PartySession s = new PartySession(1, model, options, links, compiled, true, Progress.NONE)) {
            while (!stopping()) {
                long t = System.nanoTime();
                PartySession.Query q = s.next();
                if (q == null) {
                    return;
                }
                logQuery(++queries, peer, q, (System.nanoTime() - t) / 1e9);
            }
        } catch (RuntimeException e) {
            log.accept("session " + peer + " failed: " + Failures.firstLine(e));
        }
    }

    private void logQuery(long id, String peer, PartySession.Query q, double wallSeconds) {
        PartyFigures f = q.mine();
        log.accept(String.format("query %d from %s: shape %s, online %.3f s, rounds %d, bytes sent %d, wall %.3f s",
            id, peer, q.shape(), f.onlineNanos / 1e9, f.rounds, f.bytesSent, wallSeconds));
        if (statsFile == null) {
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("query", id);
        line.put("peer", peer);
        line.put("shape", q.shape().dims());
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
