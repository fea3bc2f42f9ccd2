package org.cryptorch.api;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.cryptorch.mpc.DealerServer;
import org.cryptorch.net.Channel;
import org.cryptorch.net.ConnectionSetupException;
import org.cryptorch.net.Listener;
import org.cryptorch.net.TcpChannel;

/**
 * The dealer as a service: listens at the dealer address of a cluster and serves one session after another (a
 * client and the model's server, {@link ModelServer}), on a thread of its own. Each session ends with one log line:
 * the correlations it served, or why it failed (its correlations are then discarded). Every session draws fresh
 * seeds, so no correlation is ever served twice.
 */
public final class DealerService extends ListeningService {
    private final Consumer<String> log;
    private long sessions;
    private long recipes;
    private long correctionBytes;

    private DealerService(Listener listener, Consumer<String> log) {
        super(listener);
        this.log = log;
    }

    static DealerService start(ClusterConfig cluster, Consumer<String> log) {
        DealerService d = new DealerService(Listener.open(cluster.net(Links.DEALER), cluster.dealer().bindHost(),
            cluster.dealer().port(), List.of(Links.PARTY0, Links.PARTY1)), log);
        d.startThread("dealer-service");
        return d;
    }

    @Override
    void serve() {
        log.accept("dealer listening on port " + listener.port());
        while (!stopping()) {
            Map<String, TcpChannel> parties;
            try {
                parties = listener.accept(List.of(Links.PARTY0, Links.PARTY1));
            } catch (ConnectionSetupException e) {
                continue; // nobody came within the connect timeout, or the service stopped
            }
            serveSession(parties);
        }
    }

    private void serveSession(Map<String, TcpChannel> parties) {
        long n = ++sessions;
        try (Channel p0 = parties.get(Links.PARTY0); Channel p1 = parties.get(Links.PARTY1)) {
            DealerServer dealer = new DealerServer(p0, p1);
            try {
                dealer.run();
                recipes += dealer.recipesServed();
                correctionBytes += dealer.correctionBytes();
                log.accept("dealer session " + n + ": " + dealer.recipesServed() + " recipes served ("
                    + dealer.correctionBytes() + " bytes of corrections); all sessions: " + recipes + " recipes, "
                    + correctionBytes + " bytes, each from fresh seeds");
            } catch (RuntimeException e) {
                log.accept("dealer session " + n + " failed after " + dealer.recipesServed() + " recipes (discarded): "
                    + Failures.firstLine(e));
            }
        }
    }
}
