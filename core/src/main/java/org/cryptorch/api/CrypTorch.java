package org.cryptorch.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.cryptorch.compile.Ownership;
import org.cryptorch.ir.InvalidInputException;
import org.cryptorch.net.link.LinkSettings;
import org.cryptorch.onnx.PublicExport;
import org.cryptorch.onnx.TensorFiles;
import org.cryptorch.tensor.FixedPoint;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;
import org.cryptorch.tune.Evaluated;

/**
 * The Java API of everything the {@code cryptorch} command does: load a model, compile it with a plan or a
 * profile, simulate it in fixed point, run it privately between local processes, or run one party (or the dealer)
 * of a deployment described by a cluster file. README.md shows it in use (ReadmeExampleTest runs that code).
 */
public final class CrypTorch {
    private CrypTorch() {
    }

    public static Model load(Path onnxFile) {
        return Model.load(onnxFile);
    }

    /**
     * Writes what the party without the weights may hold of {@code model}: its architecture, shapes and public
     * constants, every weight replaced by a shape-only placeholder ({@link PublicExport}). That party compiles from
     * it with the plan the model's holder sends at connect.
     */
    public static PublicExport.Result exportPublic(Path model, Path out) {
        load(model).requireWeights("export-public");
        PublicExport.Result r = PublicExport.write(model, out);
        load(out); // what the client will load must load
        return r;
    }

    /**
     * Reads samples from a .npy file: real or integer values, the first dimension indexing samples; real values must
     * be finite and within the fixed-point range ({@link FixedPoint#headroom}).
     */
    public static Tensor readSamples(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("input file " + file + " does not exist");
        }
        Tensor t = TensorFiles.read(file);
        if (t.shape().rank() == 0 || t.shape().dim(0) == 0) {
            throw new InvalidInputException(file.getFileName() + ": expected samples along the first dimension, "
                + "got shape " + t.shape());
        }
        Preflight.values(file, t, FixedPoint.DEFAULT_FRAC_BITS);
        return t;
    }

    /** Reads integer labels, one per sample, from a 1-d .npy file (for tuning by accuracy or loss). */
    public static long[] readLabels(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("labels file " + file + " does not exist");
        }
        Tensor t = TensorFiles.read(file);
        if (!(t instanceof LongTensor l) || l.shape().rank() != 1) {
            throw new InvalidInputException(file.getFileName() + ": labels must be a 1-d integer array, got "
                + t.dtype() + " " + t.shape());
        }
        return l.data();
    }

    /**
     * Chooses an approximation and knob values per site of {@code model} under an accuracy budget (what
     * {@code cryptorch tune} does): scores candidates in fixed point on the calibration samples, prices them with
     * this machine's cost model on the request's network, writes the plan (and the report) and returns the summary.
     * {@code notes} hears of the search's progress in lines, {@code evaluated} of every configuration scored.
     */
    public static Tuned tune(Model model, TuneRequest request, Consumer<String> notes,
                             Consumer<Evaluated> evaluated) {
        return Tuning.run(model, request, notes, evaluated);
    }

    /**
     * Checks the files a process of a run writes before anything starts: {@code --output} (if {@code writesOutput})
     * and {@code --stats} (if {@code writesStats}) are distinct from the files read and from each other, in folders
     * that exist and are writable.
     */
    public static void checkFiles(RunOptions options, boolean writesOutput, boolean writesStats) {
        Preflight.files(options, writesOutput, writesStats);
    }

    /**
     * Reads the samples of several inputs, one file per input name ({@link #readSamples} each), in the given order.
     */
    public static Map<String, Tensor> readSamples(Map<String, Path> files) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        files.forEach((name, file) -> out.put(name, readSamples(file)));
        return out;
    }

    /**
     * Writes each output to its file ({@code files} by output name): all of them or, if one cannot be written, none
     * (those already written are removed again), each atomically.
     */
    public static void writeOutputs(Map<String, Path> files, Map<String, FloatTensor> outputs) {
        List<Path> written = new ArrayList<>();
        try {
            files.forEach((name, file) -> {
                TensorFiles.write(file, outputs.get(name));
                written.add(file);
            });
        } catch (RuntimeException e) {
            for (Path p : written) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /**
     * Checks that {@code samples} (of every input, by name; read from {@code source}), in batches of {@code batch},
     * keep every approximation site of {@code model} under {@code plan} inside its documented range, and stay within
     * the range of the calibration samples that size its comparisons; otherwise the fixed-point result would be
     * wrong. Costs one float inference of the samples.
     */
    public static void checkRanges(Model model, PlanChoice plan, Calibration calibration,
                                   Map<String, ? extends Tensor> samples, int batch, String source) {
        Preflight.ranges(model, plan, calibration, samples, batch, source);
    }

    /** Compiles {@code model} for one batch's input shapes (by name) and ownership, without calibration. */
    public static Executable compile(Model model, Map<String, Shape> inputShapes, PlanChoice plan, Ownership owners) {
        return Executable.compile(model, inputShapes, plan, owners, Calibration.NONE);
    }

    /** {@link #compile(Model, Map, PlanChoice, Ownership)} for a model with one input. */
    public static Executable compile(Model model, Shape inputShape, PlanChoice plan, Ownership owners) {
        return compile(model, model.onlyInput(inputShape), plan, owners);
    }

    /** Reads public calibration samples for {@code model} (see {@link Calibration}); no files: none. */
    public static Calibration readCalibration(NamedFiles files, Model model) {
        return Calibration.read(files, model);
    }

    /** Reads public calibration samples for a model with one input; null file: none. */
    public static Calibration readCalibration(Path file, Model model) {
        return Calibration.read(file, model);
    }

    /**
     * The fixed-point simulation of {@code model} on {@code samples} (of every input, by name), {@code batch} at a
     * time (0: the default of {@link Model#batchSize}), with comparison widths from {@code calibration} where the
     * plan does not fix them; every output, by name.
     */
    public static Map<String, FloatTensor> simulate(Model model, Map<String, ? extends Tensor> samples,
                                                    PlanChoice plan, int batch, Calibration calibration,
                                                    Progress progress) {
        return simulation(model, samples, Set.of(), plan, batch, calibration, progress).outputs();
    }

    /**
     * {@link #simulate} with the expected number of local truncation failures a private run of all the samples
     * would have (summed over batches, see {@link Executable#simulation}); the inputs named in {@code publicInputs}
     * are constants of the program, as in a private run with them public (a program per distinct value).
     */
    public static Executable.Simulation simulation(Model model, Map<String, ? extends Tensor> samples,
                                                   Set<String> publicInputs, PlanChoice plan, int batch,
                                                   Calibration calibration, Progress progress) {
        model.requireWeights("simulate");
        model.checkSamples(samples, batch);
        int n = Model.sampleCount(Samples.shapes(samples));
        int size = model.batchSize(Math.max(0, batch), n);
        int batches = (n + size - 1) / size;
        List<Map<String, FloatTensor>> outputs = new ArrayList<>();
        double failures = 0;
        Executable program = null;
        BatchKey compiledFor = null;
        for (int start = 0; start < n; start += size) {
            Map<String, Tensor> secret = Samples.slice(samples, start, Math.min(n, start + size));
            Map<String, Tensor> known = new LinkedHashMap<>(secret);
            known.keySet().retainAll(publicInputs);
            secret.keySet().removeAll(publicInputs);
            BatchKey key = new BatchKey(Samples.shapes(secret), known);
            if (!key.equals(compiledFor)) {
                program = Executable.compile(key.bind(model), key.shapes(), plan, Ownership.defaults(), calibration);
                compiledFor = key;
            }
            Executable.Simulation s = program.simulation(secret);
            outputs.add(s.outputs());
            failures += s.expectedTruncationFailures();
            progress.update(outputs.size(), batches);
        }
        return new Executable.Simulation(Samples.concatOutputs(outputs), failures);
    }

    /** The simulation of a model with one input and one output: its output. */
    public static FloatTensor simulate(Model model, Tensor samples, PlanChoice plan, int batch) {
        Map<String, FloatTensor> y = simulate(model, model.onlyInput(samples), plan, batch, Calibration.NONE,
            Progress.NONE);
        if (y.size() != 1) {
            throw new IllegalArgumentException(model.name() + " has " + y.size() + " outputs (" + String.join(", ",
                y.keySet()) + "): take them by name");
        }
        return y.values().iterator().next();
    }

    /**
     * Private inference between two party processes and a dealer process on this machine (TLS, free ports); the
     * output receivers write {@code options.outputs()}. Returns the run's statistics.
     */
    public static RunStats runLocal(RunOptions options, Progress progress) throws IOException {
        return LocalRun.run(options, null, progress);
    }

    /**
     * The same with the parties talking through an emulated network link ({@code cryptorch link}) on this machine,
     * to see a model's online time on a LAN or WAN.
     */
    public static RunStats runLocal(RunOptions options, LinkSettings link, Progress progress) throws IOException {
        return LocalRun.run(options, link, progress);
    }

    /** This process as party {@code id} of the deployment in {@code cluster}; statistics at party 0, else null. */
    public static RunStats runParty(ClusterConfig cluster, int id, RunOptions options, Progress progress)
        throws IOException {
        String self = Links.name(id);
        return PartyProcess.party(id, options, cluster.net(self), cluster.endpoint(self).port(),
            cluster.rendezvous(), progress);
    }

    /**
     * The model owner's server for the deployment in {@code cluster} (see {@link ModelServer}): serves the full
     * model of {@code options} to its clients until stopped, one session at a time with the default queue.
     */
    public static ModelServer serve(ClusterConfig cluster, RunOptions options, Path statsFile,
                                    Consumer<String> log) {
        return serve(cluster, options, ModelServer.Limits.DEFAULT, statsFile, log);
    }

    /** As {@link #serve(ClusterConfig, RunOptions, Path, Consumer)}, with {@code limits} on concurrent sessions. */
    public static ModelServer serve(ClusterConfig cluster, RunOptions options, ModelServer.Limits limits,
                                    Path statsFile, Consumer<String> log) {
        return ModelServer.start(cluster, options, limits, statsFile, log);
    }

    /** A client session with the server of {@code cluster}: {@link ClientSession#infer} as often as needed. */
    public static ClientSession connect(ClusterConfig cluster, RunOptions options) throws IOException {
        return ClientSession.connect(cluster, options, notice -> { });
    }

    /**
     * As {@link #connect(ClusterConfig, RunOptions)}; {@code notices} hears of the client's place in the server's
     * queue while it waits. A server whose sessions and queue are full refuses with a
     * {@link SessionAdmission.ServerBusyException} naming it.
     */
    public static ClientSession connect(ClusterConfig cluster, RunOptions options, Consumer<String> notices)
        throws IOException {
        return ClientSession.connect(cluster, options, notices);
    }

    /** The dealer service of {@code cluster} (see {@link DealerService}): one session after another until stopped. */
    public static DealerService serveDealer(ClusterConfig cluster, Consumer<String> log) {
        return serveDealer(cluster, DealerService.PoolLimits.DEFAULT, log);
    }

    /** As {@link #serveDealer(ClusterConfig, Consumer)}, generating ahead within {@code pool}. */
    public static DealerService serveDealer(ClusterConfig cluster, DealerService.PoolLimits pool,
                                            Consumer<String> log) {
        return DealerService.start(cluster, pool, log);
    }

    /** This process as the dealer of the deployment in {@code cluster}, until party 1 is done. */
    public static void runDealer(ClusterConfig cluster) {
        Links.serveDealer(cluster.net(Links.DEALER), cluster.dealer().port(), cluster.rendezvous());
    }
}
