package org.cryptorch.cli.selftest;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cryptorch.api.LocalProcesses;
import org.cryptorch.launch.ChildEvent;
import org.cryptorch.launch.ChildProcess;
import org.cryptorch.launch.JvmCommand;
import org.cryptorch.launch.ProcessGroup;
import org.cryptorch.launch.TempDir;

/**
 * Runs the selftest as three processes on loopback: writes throw-away certificates to a temporary directory, starts
 * the dealer and both parties in parallel, passes on the ports they picked, and relays party 0's result lines. The
 * children are killed whatever happens; a child that dies fails the run at once with its standard error.
 */
public final class SelftestLauncher {
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
     * @throws org.cryptorch.launch.LaunchException if a process fails, dies or misses the deadline
     */
    public boolean run(PrintStream out) throws IOException {
        int expected = Checks.selected(sizes).size();
        try (TempDir tmpDir = TempDir.create("cryptorch-selftest")) {
            Path tmp = tmpDir.path();
            SelftestConfig config = new SelftestConfig(sizes.elements(), sizes.matmulSize(), sizes.convChannels(),
                sizes.repeat(), sizes.timeout(), tls ? LocalProcesses.throwAwayKeys(tmp) : null, sizes.only());
            long deadline = System.nanoTime() + config.timeout().toNanos();
            try (ProcessGroup group = new ProcessGroup(tmp)) {
                ChildProcess party0 = LocalProcesses.start(group, role -> command(role, config), deadline).party0();
                List<String> lines = relayResults(group, party0, expected, deadline, out);
                group.awaitAllExited(deadline);
                return lines.stream().allMatch(ResultLine::isOk);
            }
        }
    }

    private static List<String> command(String role, SelftestConfig config) {
        List<String> args = new ArrayList<>();
        args.add(role);
        args.addAll(config.toArgs());
        return JvmCommand.forMain(SelftestRole.class, args);
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
}
