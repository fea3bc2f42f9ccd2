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
import org.cryptorch.net.Channel;
import org.cryptorch.net.ConnectionSetupException;
import org.cryptorch.net.Listener;
import org.cryptorch.net.TcpChannel;

/**
 * The dealer as a service: listens at the dealer address of a cluster and serves sessions (a client and the model's
 * server, {@link ModelServer}), as many at once as the server runs, each on a thread of its own. The two connections
 * of a session are paired by the token both name ({@link SessionAdmission}), never by arrival order, so concurrent
 * sessions never share or swap a correlation stream; a connection whose partner does not come within the connect
 * timeout is closed. Each session ends with one log line: the correlations it served, or why it failed (its
 * correlations are then discarded). Every session draws fresh seeds, so no correlation is ever served twice.
 */
public final class DealerService extends ListeningService {
    private static final Duration ACCEPT_POLL = Duration.ofMillis(200);

    private final Consumer<String> log;
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

    private DealerService(Listener listener, Duration pairingTimeout, Consumer<String> log) {
        super(listener);
        this.pairingTimeout = pairingTimeout;
        this.log = log;
    }

    static DealerService start(ClusterConfig cluster, Consumer<String> log) {
        DealerService d = new DealerService(Listener.open(cluster.net(Links.DEALER), cluster.dealer().bindHost(),
            cluster.dealer().port(), List.of(Links.PARTY0, Links.PARTY1)), cluster.timeout(), log);
        d.startThread("dealer-service");
        return d;
    }

    @Override
    void serve() {
        log.accept("dealer listening on port " + listener.port());
        while (!stopping()) {
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
            DealerServer dealer = new DealerServer(p0, p1);
            try {
                dealer.run();
                log.accept("dealer session " + n + ": " + dealer.recipesServed() + " recipes served ("
                    + dealer.correctionBytes() + " bytes of corrections); all sessions: "
                    + recipes.addAndGet(dealer.recipesServed()) + " recipes, "
                    + correctionBytes.addAndGet(dealer.correctionBytes()) + " bytes, each from fresh seeds");
            } catch (RuntimeException e) {
                log.accept("dealer session " + n + " failed after " + dealer.recipesServed() + " recipes (discarded): "
                    + Failures.firstLine(e));
            }
        }
    }
}
