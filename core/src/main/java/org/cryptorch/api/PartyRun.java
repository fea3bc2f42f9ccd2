package org.cryptorch.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cryptorch.mpc.Party;
import org.cryptorch.mpc.Recipe;
import org.cryptorch.mpc.RemoteCorrelations;
import org.cryptorch.net.Channel;
import org.cryptorch.net.TrafficStats;
import org.cryptorch.onnx.TensorFiles;
import org.cryptorch.tensor.FixedPoint;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * One party's side of a private run over its {@link Links}. The parties first check that they were started with the
 * same settings; the input owner tells the other party the input's shape (shapes are public, values are not). Each
 * batch then has an offline phase (the correlations the batch takes are fetched from the dealer) and an online
 * phase, measured apart. At the end party 1 sends its figures to party 0, which writes the statistics, and the output
 * owner writes the outputs in one atomic step: a failed run leaves no output file.
 */
final class PartyRun {
    private static final String SETUP = "setup";
    private static final String SYNC = "sync";

    private final int id;
    private final Model model;
    private final RunOptions options;
    private final Compiler compiler;
    private final Progress progress;
    private final Map<Shape, Executable> programs = new HashMap<>();
    private final Map<Shape, List<Recipe>> recipes = new HashMap<>();
    private final PartyFigures figures = new PartyFigures();

    PartyRun(int id, Model model, RunOptions options, Compiler compiler, Progress progress) {
        this.id = id;
        this.model = model;
        this.options = options;
        this.compiler = compiler;
        this.progress = progress;
    }

    /** Runs this party's side; returns the run's statistics at party 0 and null at party 1. */
    RunStats run(Links links) throws IOException {
        Channel peer = links.peer();
        FloatTensor input = id == options.owners().inputOwner() ? readInput() : null;
        List<FloatTensor> outputs = new ArrayList<>();
        try (RemoteCorrelations dealer = RemoteCorrelations.connect(id, links.dealer())) {
            Party party = new Party(id, peer, dealer, FixedPoint.DEFAULT_FRAC_BITS);
            agree(party);
            Shape inputShape = exchangeShape(party, input);
            int samples = inputShape.dim(0);
            int batch = options.batch() == 0 ? samples : Math.min(options.batch(), samples);
            long[] opsDone = {0};
            long[] totalOps = {-1};
            for (int start = 0; start < samples; start += batch) {
                int end = Math.min(samples, start + batch);
                Shape shape = batchShape(inputShape, end - start);
                Executable program = program(shape);
                if (totalOps[0] < 0) {
                    totalOps[0] = (long) program.opCount() * ((samples + batch - 1) / batch);
                }
                party = new Party(id, peer, dealer, program.fractionalBits());
                offline(dealer, program, shape);
                FloatTensor slice = input == null ? null : input.slice(0, start, end, 1);
                FloatTensor out = online(party, program, slice, () -> progress.update(++opsDone[0], totalOps[0]));
                if (dealer.pending() != 0) {
                    throw new IllegalStateException("the program took fewer correlations than its rehearsal ("
                        + dealer.pending() + " prefetched left over)");
                }
                if (out != null) {
                    outputs.add(out);
                }
            }
            progress.update(totalOps[0], totalOps[0]);
            figures.offlineBytes = dealer.offlineBytesReceived();
            RunStats stats = exchangeFigures(party);
            if (id == options.owners().outputOwner()) {
                TensorFiles.write(options.output(), FloatTensor.concat(0, outputs));
            }
            if (stats != null && options.stats() != null) {
                stats.write(options.stats());
            }
            return stats;
        }
    }

    private FloatTensor readInput() {
        Tensor t = TensorFiles.read(options.inputs());
        if (!(t instanceof FloatTensor f)) {
            throw new IllegalArgumentException(options.inputs().getFileName() + ": expected floating-point samples, "
                + "got " + t.dtype());
        }
        if (f.shape().rank() == 0 || f.shape().dim(0) == 0) {
            throw new IllegalArgumentException(options.inputs().getFileName() + ": no samples (shape "
                + f.shape() + ")");
        }
        int batch = options.batch() == 0 ? f.shape().dim(0) : Math.min(options.batch(), f.shape().dim(0));
        model.checkInputShape(batchShape(f.shape(), batch));
        return f;
    }

    /** Both parties send their settings; a difference fails both with both settings shown. */
    private void agree(Party party) {
        Channel peer = party.peer();
        String mine = options.agreement();
        String theirs = party.labelled(SETUP, () -> {
            peer.sendBytes(mine.getBytes(StandardCharsets.UTF_8));
            return new String(peer.receiveBytes(), StandardCharsets.UTF_8);
        });
        if (!mine.equals(theirs)) {
            throw new IllegalArgumentException("the parties were started with different settings: party" + id
                + " has " + mine + "; party" + (1 - id) + " has " + theirs);
        }
    }

    /** The input owner sends the input's shape; the other party receives it. */
    private Shape exchangeShape(Party party, FloatTensor input) {
        Channel peer = party.peer();
        return party.labelled(SETUP, () -> {
            if (input != null) {
                int[] dims = input.shape().dims();
                peer.send(new long[] {dims.length});
                peer.send(Arrays.stream(dims).asLongStream().toArray());
                return input.shape();
            }
            int rank = (int) peer.receive(1)[0];
            return Shape.of(Arrays.stream(peer.receive(rank)).mapToInt(Math::toIntExact).toArray());
        });
    }

    private Executable program(Shape shape) {
        return programs.computeIfAbsent(shape, s -> {
            long t = System.nanoTime();
            Executable e = compiler.compile(model.canonical(s), options.plan(), options.owners());
            figures.compileNanos += System.nanoTime() - t;
            return e;
        });
    }

    /** Fetches this batch's correlations from the dealer before the online phase. */
    private void offline(RemoteCorrelations dealer, Executable program, Shape shape) {
        long t = System.nanoTime();
        List<Recipe> needed = recipes.computeIfAbsent(shape,
            s -> RecipeRecorder.recipes(program, s, options.owners(), program.fractionalBits()));
        dealer.prefetch(needed);
        figures.offlineNanos += System.nanoTime() - t;
    }

    /** Both parties meet, then the batch runs with the clock and the traffic counters on. */
    private FloatTensor online(Party party, Executable program, FloatTensor input, Runnable opDone) {
        party.labelled(SYNC, () -> party.exchange(new long[1]));
        TrafficStats.Counter before = party.peer().stats().total();
        long t = System.nanoTime();
        FloatTensor out = program.runParty(party, input, new OpFiguresListener(party.peer(), figures, opDone));
        figures.onlineNanos += System.nanoTime() - t;
        TrafficStats.Counter after = party.peer().stats().total();
        figures.rounds += after.rounds - before.rounds;
        figures.bytesSent += after.bytesSent - before.bytesSent;
        return out;
    }

    /** Party 1 sends its figures to party 0, which combines both; returns the combination at party 0. */
    private RunStats exchangeFigures(Party party) throws IOException {
        Channel peer = party.peer();
        String json = RunStats.toJson(figures);
        if (id == 1) {
            party.labelled(SETUP, () -> {
                peer.sendBytes(json.getBytes(StandardCharsets.UTF_8));
                return null;
            });
            return null;
        }
        String theirs = party.labelled(SETUP, () -> new String(peer.receiveBytes(), StandardCharsets.UTF_8));
        return RunStats.combine(figures, RunStats.partyFigures(theirs));
    }

    private static Shape batchShape(Shape samples, int batch) {
        int[] dims = samples.dims();
        dims[0] = batch;
        return Shape.of(dims);
    }
}
