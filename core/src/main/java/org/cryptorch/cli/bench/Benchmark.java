package org.cryptorch.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cryptorch.api.CrypTorch;
import org.cryptorch.api.PlanChoice;
import org.cryptorch.api.Progress;
import org.cryptorch.api.RunOptions;
import org.cryptorch.api.RunStats;
import org.cryptorch.launch.TempDir;
import org.cryptorch.onnx.TensorFiles;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tune.ComputeCalibration;
import org.cryptorch.tune.CostModel;
import org.cryptorch.tune.ModelTuning;
import org.cryptorch.tune.ProgramCostedOps;
import org.cryptorch.tune.RunCalibration;

/**
 * Runs every model on every network as a private run of three processes (dealer, party 1, party 0; the parties
 * connected through an emulated link off loopback), alternating: one run of each configuration per repetition, so
 * load that comes and goes spreads over all of them instead of falling on one.
 */
public final class Benchmark {
    /** Repetitions when not given: 3, or 5 for a model whose runs all took under a second in the first repetition. */
    static final int DEFAULT_REPEAT = 3;
    static final int SHORT_REPEAT = 5;

    private final List<BenchModel> models;
    private final List<BenchNetwork> networks;
    private final int repeat;

    /** Every model with every plan choice (named by model and plan when there are several plans). */
    public Benchmark(List<Path> models, List<PlanChoice> plans, List<String> networks, int repeat) {
        List<BenchModel> all = new ArrayList<>();
        for (Path m : models) {
            for (PlanChoice p : plans) {
                all.add(BenchModel.load(m, p, plans.size() > 1));
            }
        }
        this.models = List.copyOf(all);
        this.networks = networks.stream().map(BenchNetwork::parse).toList();
        this.repeat = repeat;
    }

    /** The measured runs of every configuration (model, network), in the order of models and networks. */
    public record Runs(Map<BenchModel, Map<BenchNetwork, List<RunFigures>>> byConfiguration) {
    }

    /** Runs all configurations, printing each run to {@code log}. */
    public Runs run(PrintWriter log) throws IOException {
        Map<BenchModel, Map<BenchNetwork, List<RunFigures>>> runs = new LinkedHashMap<>();
        for (BenchModel m : models) {
            Map<BenchNetwork, List<RunFigures>> perNetwork = new LinkedHashMap<>();
            networks.forEach(n -> perNetwork.put(n, new ArrayList<>()));
            runs.put(m, perNetwork);
        }
        Map<BenchModel, Integer> wanted = new LinkedHashMap<>();
        try (TempDir tmp = TempDir.create("cryptorch-bench")) {
            for (int r = 0; ; r++) {
                boolean ran = false;
                for (BenchModel m : models) {
                    if (r >= wanted.getOrDefault(m, repeat > 0 ? repeat : DEFAULT_REPEAT)) {
                        continue;
                    }
                    ran = true;
                    double slowest = 0;
                    for (BenchNetwork n : networks) {
                        RunFigures f = runOnce(m, n, tmp.path());
                        log.printf(Locale.ROOT, "%s on %s, run %d: %.3f s online, %d rounds, %.2f MB per party%n",
                            m.name(), n.name(), r + 1, f.onlineSeconds(), f.rounds(), f.bytesPerParty() / 1e6);
                        runs.get(m).get(n).add(f);
                        slowest = Math.max(slowest, f.onlineSeconds());
                    }
                    if (r == 0 && repeat == 0) {
                        wanted.put(m, slowest < 1 ? SHORT_REPEAT : DEFAULT_REPEAT);
                    }
                }
                if (!ran) {
                    break;
                }
            }
        }
        return new Runs(runs);
    }

    /**
     * Fits the run calibration to the loopback runs: per configuration, the median run's online seconds and its
     * program's rounds, bytes and work times the batches.
     */
    public static RunCalibration calibrate(Runs runs) {
        List<RunCalibration.Observation> observations = new ArrayList<>();
        runs.byConfiguration().forEach((m, perNetwork) -> perNetwork.forEach((n, list) -> {
            if (n.link() != null || list.isEmpty()) {
                return;
            }
            long rounds = 0;
            long bytes = 0;
            long macs = 0;
            long elements = 0;
            for (ProgramCostedOps.StepWork s : ProgramCostedOps.steps(m.program())) {
                rounds += s.rounds();
                bytes += s.bytesPerParty();
                macs += s.macs();
                elements += s.elements();
            }
            double seconds = new BenchRow(m.name(), n, 0, list).median().onlineSeconds();
            observations.add(new RunCalibration.Observation(seconds, rounds * m.batches(), bytes * m.batches(),
                macs * m.batches(), elements * m.batches()));
        }));
        if (observations.isEmpty()) {
            throw new IllegalArgumentException("--calibrate fits to loopback runs, and there are none");
        }
        return RunCalibration.fit(observations);
    }

    /**
     * One row per configuration, predicted by the run calibration if there is one, else by the tuner's cost model
     * (network, the compute microbenchmark).
     */
    public static List<BenchRow> rows(Runs runs, RunCalibration calibration, ComputeCalibration compute) {
        List<BenchRow> rows = new ArrayList<>();
        runs.byConfiguration().forEach((m, perNetwork) -> perNetwork.forEach((n, list) -> {
            double batch = calibration != null ? calibration.seconds(m.program(), n.profile())
                : ModelTuning.predict(m.program(), new CostModel(n.profile(), compute)).seconds();
            rows.add(new BenchRow(m.name(), n, m.batches() * batch, list));
        }));
        return rows;
    }

    private RunFigures runOnce(BenchModel m, BenchNetwork n, Path tmp) throws IOException {
        Path output = tmp.resolve("output.npy");
        RunOptions options = RunOptions.of(m.onnx(), m.input(), output).withPlan(m.plan());
        RunStats stats = CrypTorch.runLocal(options, n.link(), Progress.NONE);
        return new RunFigures(stats.onlineSeconds(), stats.rounds(), stats.bytesPerParty(), stats.offlineBytes(),
            maxError(output, m.reference()), accuracy(output, m.labels()), stats.perOp());
    }

    /** The share of rows of the output whose largest entry is at the label's index. */
    private static double accuracy(Path output, Path labels) {
        if (labels == null) {
            return Double.NaN;
        }
        FloatTensor y = (FloatTensor) TensorFiles.read(output);
        if (!(TensorFiles.read(labels) instanceof LongTensor l) || l.size() != y.shape().dim(0)) {
            throw new IllegalArgumentException("labels " + labels + " must be one integer per output row ("
                + y.shape().dim(0) + ")");
        }
        int classes = y.size() / y.shape().dim(0);
        int right = 0;
        for (int r = 0; r < l.size(); r++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (y.data()[r * classes + c] > y.data()[r * classes + best]) {
                    best = c;
                }
            }
            right += best == l.data()[r] ? 1 : 0;
        }
        return (double) right / l.size();
    }

    private static double maxError(Path output, Path reference) {
        if (reference == null) {
            return Double.NaN;
        }
        FloatTensor y = (FloatTensor) TensorFiles.read(output);
        FloatTensor ref = (FloatTensor) TensorFiles.read(reference);
        if (!y.shape().equals(ref.shape())) {
            throw new IllegalArgumentException("reference " + reference + " has shape " + ref.shape()
                + " but the run's output has " + y.shape());
        }
        double max = 0;
        for (int i = 0; i < y.size(); i++) {
            max = Math.max(max, Math.abs(y.data()[i] - ref.data()[i]));
        }
        return max;
    }
}
