package org.cryptorch.cli.selftest;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.cryptorch.cli.launch.ParentLink;
import org.cryptorch.mpc.DealerServer;
import org.cryptorch.mpc.RemoteCorrelations;
import org.cryptorch.net.Channel;
import org.cryptorch.net.Connector;
import org.cryptorch.net.Listener;
import org.cryptorch.net.NetConfig;
import org.cryptorch.net.TcpChannel;

/**
 * Main class of the three processes {@link SelftestLauncher} starts: {@code dealer}, {@code party1} and
 * {@code party0}. The dealer listens for both parties and party 1 for party 0, each on a free port it reports to the
 * launcher as {@code port N}; the launcher passes the ports on ({@code dealer N}, {@code party1 N}). Party 0 prints
 * one {@code result JSON} line per check. Any failure ends the process with status 1 and the reason on standard
 * error.
 */
public final class SelftestRole {
    static final String HOST = "127.0.0.1";
    static final int FRACTIONAL_BITS = 16;

    private SelftestRole() {
    }

    public static void main(String[] args) {
        String role = args.length == 0 ? "?" : args[0];
        ParentLink parent = new ParentLink(System.out);
        try {
            SelftestConfig config = SelftestConfig.fromArgs(Arrays.asList(args).subList(1, args.length));
            switch (role) {
                case "dealer" -> dealer(config, parent);
                case "party0" -> party0(config, parent);
                case "party1" -> party1(config, parent);
                default -> throw new IllegalArgumentException("unknown role '" + role + "'");
            }
        } catch (Throwable e) {
            String msg = String.valueOf(e.getMessage());
            System.err.println(msg.startsWith(role + ":") ? msg : role + ": " + msg);
            if (System.getenv("CRYPTORCH_DEBUG") != null || e.getMessage() == null) {
                e.printStackTrace();
            }
            System.exit(1);
        }
        System.exit(0);
    }

    private static NetConfig net(String self, SelftestConfig c, Duration timeout) {
        NetConfig n = c.keyDir() == null ? NetConfig.plaintext(self) : NetConfig.tls(self, c.keyDir());
        return n.withTimeout(timeout).withConnectTimeout(c.timeout());
    }

    /** Party 1 may compute for a long time between two requests, so the dealer waits as long as the whole run. */
    private static void dealer(SelftestConfig c, ParentLink parent) {
        try (Listener listener = Listener.open(net("dealer", c, c.timeout()), 0)) {
            parent.report("port", String.valueOf(listener.port()));
            parent.exitWhenOrphaned();
            Map<String, TcpChannel> parties = listener.accept(List.of("party0", "party1"));
            try (Channel p0 = parties.get("party0"); Channel p1 = parties.get("party1")) {
                new DealerServer(p0, p1).run();
            }
        }
    }

    private static void party1(SelftestConfig c, ParentLink parent) throws IOException {
        NetConfig net = net("party1", c, messageTimeout(c));
        try (Listener listener = Listener.open(net, 0)) {
            parent.report("port", String.valueOf(listener.port()));
            int dealerPort = Integer.parseInt(parent.expect("dealer"));
            parent.exitWhenOrphaned();
            try (Channel dealer = Connector.connect(net, "dealer", HOST, dealerPort);
                 Channel peer = listener.accept("party0")) {
                runChecks(1, c, peer, dealer, parent);
            }
        }
    }

    private static void party0(SelftestConfig c, ParentLink parent) throws IOException {
        NetConfig net = net("party0", c, messageTimeout(c));
        int dealerPort = Integer.parseInt(parent.expect("dealer"));
        int party1Port = Integer.parseInt(parent.expect("party1"));
        parent.exitWhenOrphaned();
        try (Channel dealer = Connector.connect(net, "dealer", HOST, dealerPort);
             Channel peer = Connector.connect(net, "party1", HOST, party1Port)) {
            runChecks(0, c, peer, dealer, parent);
        }
    }

    private static Duration messageTimeout(SelftestConfig c) {
        return c.timeout().compareTo(NetConfig.DEFAULT_TIMEOUT) < 0 ? c.timeout() : NetConfig.DEFAULT_TIMEOUT;
    }

    private static void runChecks(int id, SelftestConfig c, Channel peer, Channel dealerChannel, ParentLink parent) {
        try (RemoteCorrelations dealer = RemoteCorrelations.connect(id, dealerChannel)) {
            PartySession s = new PartySession(id, peer, dealer, FRACTIONAL_BITS, new SecureRandom().nextLong());
            for (ProtocolCheck check : Checks.selected(c)) {
                s.beginWarmup();
                check.run(s);
                List<ResultLine.Run> runs = new ArrayList<>();
                for (int i = 0; i < c.repeat(); i++) {
                    s.beginMeasured();
                    CheckOutcome outcome = check.run(s);
                    PartySession.Measurement theirs = s.exchangeMeasurement();
                    runs.add(new ResultLine.Run(outcome, s.measurement(), theirs));
                }
                if (id == 0) {
                    parent.report("result", ResultLine.format(check.name(), runs));
                }
            }
        }
    }
}
