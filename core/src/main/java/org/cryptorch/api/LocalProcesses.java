package org.cryptorch.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;
import org.cryptorch.launch.ChildProcess;
import org.cryptorch.launch.ProcessGroup;
import org.cryptorch.net.KeyGenerator;

/**
 * The dealer and both parties as child processes on this machine, connected through a {@link ParentRendezvous}: the
 * dealer and party 1 listen on free ports, which are passed on to the processes that connect to them.
 */
public record LocalProcesses(ChildProcess dealer, ChildProcess party1, ChildProcess party0) {
    /**
     * Starts the three processes in parallel ({@code command} gives each role's command line) and passes on the
     * ports they picked.
     */
    public static LocalProcesses start(ProcessGroup group, Function<String, List<String>> command, long deadline) {
        return start(group, command, deadline, port -> port);
    }

    /**
     * The same with party 0 dialling party 1 at {@code party1Route.applyAsInt(port)} instead of party 1's own port:
     * the port of an emulated link in front of it.
     */
    public static LocalProcesses start(ProcessGroup group, Function<String, List<String>> command, long deadline,
                                       IntUnaryOperator party1Route) {
        ChildProcess dealer = group.start(Links.DEALER, command.apply(Links.DEALER));
        ChildProcess party1 = group.start(Links.PARTY1, command.apply(Links.PARTY1));
        ChildProcess party0 = group.start(Links.PARTY0, command.apply(Links.PARTY0));
        Map<ChildProcess, String> ports = group.awaitReports(List.of(dealer, party1), "port", deadline,
            "the dealer and party1 to start listening");
        party1.send(Links.DEALER + " " + ports.get(dealer));
        party0.send(Links.DEALER + " " + ports.get(dealer));
        party0.send(Links.PARTY1 + " " + party1Route.applyAsInt(Integer.parseInt(ports.get(party1))));
        return new LocalProcesses(dealer, party1, party0);
    }

    /** Writes throw-away certificates for the three identities to {@code dir}/keys and returns that directory. */
    public static Path throwAwayKeys(Path dir) throws IOException {
        Path keys = dir.resolve("keys");
        KeyGenerator.generate(keys, List.of(Links.PARTY0, Links.PARTY1, Links.DEALER), null, false);
        return keys;
    }
}
