package org.cryptorch.cli.selftest;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cryptorch.api.Links;
import org.cryptorch.api.ParentRendezvous;
import org.cryptorch.api.Rendezvous;
import org.cryptorch.launch.ChildMain;
import org.cryptorch.launch.ParentLink;
import org.cryptorch.mpc.RemoteCorrelations;
import org.cryptorch.net.Channel;
import org.cryptorch.net.NetConfig;

/**
 * Main class of the three processes {@link SelftestLauncher} starts: {@code dealer}, {@code party1} and
 * {@code party0}. The dealer listens for both parties and party 1 for party 0, each on a free port it reports to the
 * launcher as {@code port N}; the launcher passes the ports on ({@code dealer N}, {@code party1 N}). Party 0 prints
 * one {@code result JSON} line per check. Any failure ends the process with status 1 and the reason on standard
 * error.
 */
public final class SelftestRole {
    static final int FRACTIONAL_BITS = 16;

    private SelftestRole() {
    }

    public static void main(String[] args) {
        String role = args.length == 0 ? "?" : args[0];
        ChildMain.run(role, () -> {
            SelftestConfig config = SelftestConfig.fromArgs(Arrays.asList(args).subList(1, args.length));
            ParentLink link = new ParentLink(System.out);
            Rendezvous parent = new ParentRendezvous(link);
            switch (role) {
                // Party 1 may compute for a long time between two requests, so the dealer waits as long as the run.
                case "dealer" -> Links.serveDealer(net("dealer", config, config.timeout()), 0, parent);
                case "party0", "party1" -> {
                    int id = role.equals("party0") ? 0 : 1;
                    try (Links links = Links.party(id, net(role, config, messageTimeout(config)), 0, parent)) {
                        runChecks(id, config, links.peer(), links.dealer(), link);
                    }
                }
                default -> throw new IllegalArgumentException("unknown role '" + role + "'");
            }
        });
    }

    private static NetConfig net(String self, SelftestConfig c, Duration timeout) {
        NetConfig n = c.keyDir() == null ? NetConfig.plaintext(self) : NetConfig.tls(self, c.keyDir());
        return n.withTimeout(timeout).withConnectTimeout(c.timeout());
    }

    private static Duration messageTimeout(SelftestConfig c) {
        return c.timeout().compareTo(NetConfig.DEFAULT_TIMEOUT) < 0 ? c.timeout() : NetConfig.DEFAULT_TIMEOUT;
    }

    private static void runChecks(int id, SelftestConfig c, Channel peer, Channel dealerChannel, ParentLink parent) {
        RemoteCorrelations dealer = RemoteCorrelations.connect(id, dealerChannel);
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
        dealer.finish();
    }
}
