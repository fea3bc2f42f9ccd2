package org.cryptorch.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.cryptorch.launch.ChildMain;
import org.cryptorch.launch.KeyValueArgs;
import org.cryptorch.launch.ParentLink;
import org.cryptorch.net.NetConfig;
import org.cryptorch.tensor.Tensor;

/**
 * What one process of a private run does, as a dealer or as party 0 or 1; also the main class of the processes
 * {@link LocalRun} starts ({@code dealer|party0|party1 key=value...}), which meet through their parent. Party 0
 * reports its progress ({@code progress DONE TOTAL}) and the run's statistics ({@code stats JSON}) to the parent.
 */
public final class PartyProcess {
    private PartyProcess() {
    }

    /** Runs party {@code id} to the end; returns the run's statistics at party 0, null at party 1. */
    public static RunStats party(int id, RunOptions options, NetConfig net, int listenPort, Rendezvous where,
                                 Progress progress) throws IOException {
        Model model = Model.load(options.model());
        Map<String, Tensor> mine = PartyRun.checkBeforeConnecting(id, model, options);
        try (Links links = Links.party(id, net, listenPort, where)) {
            return PartyRun.run(id, model, options, mine, links, progress);
        }
    }

    public static void main(String[] args) {
        String role = args.length == 0 ? "?" : args[0];
        ChildMain.run(role, () -> {
            KeyValueArgs a = KeyValueArgs.parse(Arrays.asList(args).subList(1, args.length));
            RunOptions options = RunOptions.fromArgs(a);
            String keys = a.get("keys");
            NetConfig net = (keys.isEmpty() ? NetConfig.plaintext(role) : NetConfig.tls(role, Path.of(keys)))
                .withTimeout(options.timeout()).withConnectTimeout(options.timeout());
            ParentLink parent = new ParentLink(System.out);
            Rendezvous where = new ParentRendezvous(parent);
            switch (role) {
                case Links.DEALER -> Links.serveDealer(net, 0, where);
                case Links.PARTY0, Links.PARTY1 -> {
                    int id = role.equals(Links.PARTY0) ? 0 : 1;
                    Progress progress = id == 0 ? (done, total) -> parent.report("progress", done + " " + total)
                        : Progress.NONE;
                    RunStats stats = party(id, options, net, 0, where, throttled(progress));
                    if (stats != null) {
                        parent.report("stats", RunStats.JSON_LINE.writeValueAsString(stats.toJson()));
                    }
                }
                default -> throw new IllegalArgumentException("unknown role '" + role + "'");
            }
        });
    }

    /** Passes on at most five updates a second, and the last. */
    private static Progress throttled(Progress p) {
        long[] last = {0};
        return (done, total) -> {
            long now = System.nanoTime();
            if (done >= total || now - last[0] > 200_000_000L) {
                last[0] = now;
                p.update(done, total);
            }
        };
    }
}
