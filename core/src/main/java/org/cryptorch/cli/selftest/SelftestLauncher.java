package org.cryptorch.cli.selftest;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cryptorch.cli.launch.ChildEvent;
import org.cryptorch.cli.launch.ChildProcess;
import org.cryptorch.cli.launch.JvmCommand;
import org.cryptorch.cli.launch.ProcessGroup;
import org.cryptorch.net.KeyGenerator;

/**
 * Runs the selftest as three processes on loopback: writes throw-away certificates to a temporary directory, starts
 * the dealer and both parties in parallel, passes on the ports they picked, and relays party 0's result lines. The
 * children are killed whatever happens; a child that dies fails the run at once with its standard error.
 */
public final class SelftestLauncher {
    private static final List<String> IDENTITIES = List.of("party0", "party1", "dealer");

    private final boolean tls;
    private final SelftestConfig sizes;

    /** @param sizes the run's sizes and timeout; its key directory is ignored (the launcher makes its own) */
    public SelftestLauncher(SelftestConfig sizes, boolean tls) {
        this.sizes = sizes;
        this.tls = tls;
    }

    /**
     * Runs every selected check, printing one JSON line each to {@code out}.
     *
     * @return whether every line is ok
     * @throws org.cryptorch.cli.launch.LaunchException if a process fails, dies or misses the deadline
     */
    public boolean run(PrintStream out) throws IOException {
        int expected = Checks.selected(sizes).size();
        Path tmp = Files.createTempDirectory("cryptorch-selftest");
        try {
            SelftestConfig config = new SelftestConfig(sizes.elements(), sizes.matmulSize(), sizes.convChannels(),
                sizes.repeat(), sizes.timeout(), tls ? keys(tmp) : null, sizes.only());
            long deadline = System.nanoTime() + config.timeout().toNanos();
            try (ProcessGroup group = new ProcessGroup(tmp)) {
                ChildProcess dealer = start(group, "dealer", config);
                ChildProcess party1 = start(group, "party1", config);
                ChildProcess party0 = start(group, "party0", config);
                Map<ChildProcess, String> ports = awaitPorts(group, List.of(dealer, party1), deadline);
                party1.send("dealer " + ports.get(dealer));
                party0.send("dealer " + ports.get(dealer));
                party0.send("party1 " + ports.get(party1));
                List<String> lines = relayResults(group, party0, expected, deadline, out);
                group.awaitAllExited(deadline);
                return lines.stream().allMatch(ResultLine::isOk);
            }
        } finally {
            deleteTree(tmp);
        }
    }

    private static Path keys(Path tmp) throws IOException {
        Path dir = tmp.resolve("keys");
        KeyGenerator.generate(dir, IDENTITIES, null, false);
        return dir;
    }

    private static ChildProcess start(ProcessGroup group, String role, SelftestConfig config) {
        List<String> args = new ArrayList<>();
        args.add(role);
        args.addAll(config.toArgs());
        return group.start(role, JvmCommand.forMain(SelftestRole.class, args));
    }

    /** Waits until each of {@code listeners} has reported the port it listens on. */
    private static Map<ChildProcess, String> awaitPorts(ProcessGroup group, List<ChildProcess> listeners,
                                                        long deadline) {
        Map<ChildProcess, String> ports = new HashMap<>();
        while (ports.size() < listeners.size()) {
            ChildEvent.Line line = group.nextLine(deadline, "the dealer and party1 to start listening");
            if (listeners.contains(line.child()) && line.text().startsWith("port ")) {
                ports.put(line.child(), line.text().substring("port ".length()));
            }
        }
        return ports;
    }

    /** Prints party 0's result lines as they come, until it has reported every check. */
    private static List<String> relayResults(ProcessGroup group, ChildProcess party0, int expected, long deadline,
                                             PrintStream out) {
        List<String> lines = new ArrayList<>();
        while (lines.size() < expected) {
            ChildEvent.Line line = group.nextLine(deadline, "result " + (lines.size() + 1) + " of " + expected
                + " from party0");
            if (line.child() == party0 && line.text().startsWith("result ")) {
                String json = line.text().substring("result ".length());
                out.println(json);
                out.flush();
                lines.add(json);
            }
        }
        return lines;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
