package org.cryptorch.api;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.cryptorch.mpc.DealerServer;
import org.cryptorch.mpc.PoolBudget;
import org.cryptorch.net.Channel;
import org.cryptorch.net.ConnectionSetupException;
import org.cryptorch.net.Listener;
import org.cryptorch.net.TcpChannel;

/**
 * The dealer as a service: listens at the dealer address of a cluster and serves sessions (a client and the model's
 * server, {@link ModelServer}), as many at once as the server runs, each on a thread of its own. The two connections
 * of a session are paired by the token both name ({@link SessionAdmission}), never by arrival order, so concurrent
 * sessions never share or swap a correlation stream; a connection whose partner does not come within the connect
 * timeout is closed. Each session generates party 1's requests ahead into a pool ({@link PoolLimits}: requests
 * ahead per session, and a memory cap shared by all sessions), so a query's correlations are ready before it asks.
 * Each session ends with one log line: the correlations it served and how many came from the pool, or why it failed
 * (its correlations, served or pooled, are then discarded); the pool's level is logged with it, and every
 * {@link #LEVEL_LOG_INTERVAL} while it changes. Every session draws fresh seeds, so no correlation is ever served
 * twice.
 */
public final class DealerService extends ListeningService {
    private static final Duration ACCEPT_POLL = Duration.ofMillis(200);
    static final Duration LEVEL_LOG_INTERVAL = Duration.ofSeconds(30);

    private final Consumer<String> log;
    private final PoolLimits poolLimits;
    private final PoolBudget budget;
    private long levelLoggedAt = System.nanoTime();
    private long levelLogged;
    private final Duration pairingTimeout;
    /** Sessions with one connection so far, by token. */
    private final Map<String, Half> unpaired = new HashMap<>();
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    private final AtomicLong sessions = new AtomicLong();
    private final AtomicLong recipes = new AtomicLong();
    private final AtomicLong correctionBytes = new AtomicLong();

    /** The first connection of a session, waiting for the other party's. */
    private record Half(TcpChannel channel, long deadline) {
    }

    /**
     * How far the dealer generates ahead: {@code depth} requests per session (0: none) within {@code capBytes} of
     * corrections held ahead by all sessions together.
     */
    public record PoolLimits(int depth, long capBytes) {
        /** Two requests ahead per session (a query and the next, for a model whose query fits one window), 1 GiB. */
        public static final PoolLimits DEFAULT = new PoolLimits(2, 1L << 30);

        public PoolLimits {
            if (depth < 0) {
                throw new IllegalArgumentException("--pool must be at least 0, got " + depth);
            }
            if (capBytes < 0) {
                throw new IllegalArgumentException("--pool-mb must be at least 0, got " + (capBytes >> 20));
            }
        }
    }

    private DealerService(Listener listener, Duration pairingTimeout, PoolLimits poolLimits, Consumer<String> log) {
        super(listener);
        this.pairingTimeout = pairingTimeout;
        this.poolLimits = poolLimits;
        this.budget = new PoolBudget(poolLimits.capBytes());
        this.log = log;
    }

    static DealerService start(ClusterConfig cluster, PoolLimits pool, Consumer<String> log) {
        DealerService d = new DealerService(Listener.open(cluster.net(Links.DEALER), cluster.dealer().bindHost(),
            cluster.dealer().port(), List.of(Links.PARTY0, Links.PARTY1)), cluster.timeout(), pool, log);
        d.startThread("dealer-service");
        return d;
    }

    @Override
    void serve() {
        log.accept("dealer listening on port " + listener.port() + " (pool: up to " + poolLimits.depth()
            + " request(s) ahead per session, at most " + mb(poolLimits.capBytes()) + " MB)");
        while (!stopping()) {
            logLevelIfChanged();
            TcpChannel c;
            try {
                c = listener.next(ACCEPT_POLL);
            } catch (ConnectionSetupException e) {
                continue; // the listener was closed: the service is stopping
            }
            dropExpired();
            if (c != null) {
                Thread.ofVirtual().name("dealer-join").start(() -> join(c));
            }
        }
        synchronized (unpaired) {
            unpaired.values().forEach(h -> h.channel().close());
            unpaired.clear();
        }
        for (Thread t : running) {
            try {
                t.join(); // a stopping dealer lets its running sessions end
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Reads the session a connection names and pairs it with its partner (a silent peer holds only this thread). */
    private void join(TcpChannel c) {
        String token;
        try {
            token = SessionAdmission.dealerSessionOf(c);
        } catch (RuntimeException e) {
            c.close();
            log.accept("dealer: a connection from " + c.peer() + " at " + c.remoteAddress() + " dropped: "
                + Failures.firstLine(e));
            return;
        }
        Thread session;
        synchronized (unpaired) { // under the lock that serve() takes once stopping, so no session starts after
            Half other = unpaired.get(token);
            if (stopping()) {
                c.close();
                return;
            }
            if (other == null) {
                unpaired.put(token, new Half(c, System.nanoTime() + pairingTimeout.toNanos()));
                return;
            }
            if (other.channel().peer().equals(c.peer())) {
                c.close();
                log.accept("dealer: a second " + c.peer() + " connection for one session dropped");
                return;
            }
            unpaired.remove(token);
            TcpChannel p0 = c.peer().equals(Links.PARTY0) ? c : other.channel();
            TcpChannel p1 = p0 == c ? other.channel() : c;
            session = Thread.ofPlatform().name("dealer-session").unstarted(() -> {
                try {
                    serveSession(p0, p1);
                } finally {
                    running.remove(Thread.currentThread());
                }
            });
            running.add(session);
        }
        session.start();
    }

    private void dropExpired() {
        long now = System.nanoTime();
        synchronized (unpaired) {
            for (Iterator<Half> it = unpaired.values().iterator(); it.hasNext(); ) {
                Half h = it.next();
                if (now - h.deadline() > 0) {
                    it.remove();
                    h.channel().close();
                    log.accept("dealer: " + h.channel().peer() + " at " + h.channel().remoteAddress() + " waited "
                        + pairingTimeout.toSeconds() + " s for the other party of its session; dropped");
                }
            }
        }
    }

    private void serveSession(Channel party0, Channel party1) {
        long n = sessions.incrementAndGet();
        try (Channel p0 = party0; Channel p1 = party1) {
            DealerServer dealer = new DealerServer(p0, p1, poolLimits.depth(), budget);
            try {
                dealer.run();
                log.accept("dealer session " + n + ": " + dealer.recipesServed() + " recipes served ("
                    + dealer.correctionBytes() + " bytes of corrections), " + poolFigures(dealer) + "; all sessions: "
                    + recipes.addAndGet(dealer.recipesServed()) + " recipes, "
                    + correctionBytes.addAndGet(dealer.correctionBytes()) + " bytes, each from fresh seeds");
            } catch (RuntimeException e) {
                log.accept("dealer session " + n + " failed after " + dealer.recipesServed() + " recipes (discarded), "
                    + poolFigures(dealer) + ": " + Failures.firstLine(e));
            }
        }
    }

    private String poolFigures(DealerServer dealer) {
        return dealer.poolHits() + " of " + (dealer.poolHits() + dealer.poolMisses()) + " requests from the pool, "
            + dealer.poolDiscarded() + " generated ahead discarded; pool " + level();
    }

    private String level() {
        return mb(budget.heldBytes()) + " MB of " + mb(budget.capBytes()) + " MB";
    }

    /** One line with the pool's level every {@link #LEVEL_LOG_INTERVAL} while it changes. */
    private void logLevelIfChanged() {
        long held = budget.heldBytes();
        if (held != levelLogged && System.nanoTime() - levelLoggedAt > LEVEL_LOG_INTERVAL.toNanos()) {
            log.accept("dealer pool: " + level() + " held ahead, " + running.size() + " session(s) running");
            levelLogged = held;
            levelLoggedAt = System.nanoTime();
        }
    }

    private static String mb(long bytes) {
        return String.format("%.1f", bytes / 1048576.0);
    }
}
