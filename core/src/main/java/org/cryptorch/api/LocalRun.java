package org.cryptorch.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.cryptorch.launch.ChildEvent;
import org.cryptorch.launch.ChildProcess;
import org.cryptorch.launch.JvmCommand;
import org.cryptorch.launch.KeyValueArgs;
import org.cryptorch.launch.LaunchException;
import org.cryptorch.launch.ProcessGroup;
import org.cryptorch.compile.Compiler;
import org.cryptorch.ir.Graph;
import org.cryptorch.launch.TempDir;
import org.cryptorch.net.link.LinkEmulator;
import org.cryptorch.net.link.LinkSettings;
import org.cryptorch.tensor.FixedPoint;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * A private run between three processes on this machine: the dealer and two parties as child JVMs on loopback,
 * mutual TLS with throw-away certificates, free ports. The files are checked here first so that common mistakes
 * fail in one line before any process starts; a process that fails later fails the run with its own message, and
 * every process is killed whatever happens.
 */
final class LocalRun {
    private static final Duration UNLIMITED = Duration.ofDays(365);
    private LocalRun() {
    }

    /**
     * Runs with the parties' connection through an emulated link ({@code link}; null for loopback as it is). The
     * dealer's connections stay on loopback: it serves correlations before the online phase, which the link is for.
     */
    static RunStats run(RunOptions options, LinkSettings link, Progress progress) throws IOException {
        RunOptions o = options.absolute();
        check(o);
        // The check decoded and compiled the model here; this process then only waits for the children, so hand
        // that memory back to the system (a full collection lets the JVM shrink its heap) instead of keeping
        // gigabytes committed next to them for a large model.
        System.gc();
        try (TempDir tmp = TempDir.create("cryptorch-run")) {
            Path keys = LocalProcesses.throwAwayKeys(tmp.path());
            long startDeadline = System.nanoTime() + o.timeout().toNanos();
            // A long model may compute for longer than the timeout between two reports; the processes themselves
            // give up when a peer is silent for the timeout, and then this run fails with them.
            long runDeadline = System.nanoTime() + UNLIMITED.toNanos();
            try (PeerLink peerLink = new PeerLink(link); ProcessGroup group = new ProcessGroup(tmp.path())) {
                ChildProcess party0 = LocalProcesses.start(group, role -> command(role, o, keys), startDeadline,
                    peerLink).party0();
                RunStats stats = awaitStats(group, party0, runDeadline, progress);
                group.awaitAllExited(System.nanoTime() + o.timeout().toNanos());
                return stats;
            } catch (LaunchException e) {
                throw new LaunchException(Failures.oneLine(e.getMessage()), e);
            }
        }
    }

    /** The emulated link party 0 reaches party 1 through, opened once party 1's port is known; none without settings. */
    private static final class PeerLink implements IntUnaryOperator, AutoCloseable {
        private final LinkSettings settings;
        private LinkEmulator emulator;

        PeerLink(LinkSettings settings) {
            this.settings = settings;
        }

        @Override
        public int applyAsInt(int party1Port) {
            if (settings == null) {
                return party1Port;
            }
            try {
                emulator = LinkEmulator.start(0, ParentRendezvous.HOST, party1Port, settings);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return emulator.port();
        }

        @Override
        public void close() throws IOException {
            if (emulator != null) {
                emulator.close();
            }
        }
    }

    /**
     * Fails early, in this process, on a missing or unreadable model, input or calibration file, an input or
     * calibration samples of the wrong shape, type or range, weights beyond the fixed-point range, a plan that does
     * not fit the model, or output files that would destroy an input or cannot be written.
     */
    private static void check(RunOptions o) {
        Preflight.files(o, true, o.stats() != null);
        Model model = Model.load(o.model());
        o.checkPublicInputs(model);
        Map<String, Path> inputFiles = o.inputFiles(model);
        o.outputFiles(model);
        Map<String, Tensor> x = CrypTorch.readSamples(inputFiles);
        model.checkSamples(x, o.batch());
        Calibration calibration = Calibration.read(o.calib(), model);
        Map<String, Shape> samples = Samples.shapes(x);
        Map<String, Shape> first = Model.batchShapes(samples,
            model.batchSize(o.batch(), Model.sampleCount(samples)));
        calibration.inputs(first);
        Graph canonical = model.canonical(first);
        Compiler.approximate(canonical, first, o.plan().resolve(canonical));
        Compiler.checkWeights(canonical, FixedPoint.DEFAULT_FRAC_BITS);
        Preflight.ranges(model, o.plan(), calibration, x, o.batch(), NamedFiles.describe(inputFiles));
    }

    private static List<String> command(String role, RunOptions o, Path keys) {
        List<String> args = new java.util.ArrayList<>();
        args.add(role);
        args.addAll(o.toArgs());
        args.addAll(new KeyValueArgs.Builder().put("keys", keys).build());
        return JvmCommand.forMain(PartyProcess.class, args);
    }

    /** Shows party 0's progress until it reports the statistics. */
    private static RunStats awaitStats(ProcessGroup group, ChildProcess party0, long deadline, Progress progress)
        throws IOException {
        while (true) {
            ChildEvent.Line line = group.nextLine(deadline, "party0 to finish the run");
            if (line.child() != party0) {
                continue;
            }
            String[] words = line.text().split(" ", 2);
            if (words[0].equals("progress")) {
                String[] n = words[1].split(" ");
                progress.update(Long.parseLong(n[0]), Long.parseLong(n[1]));
            } else if (words[0].equals("stats")) {
                return RunStats.fromJson(words[1]);
            }
        }
    }
}
