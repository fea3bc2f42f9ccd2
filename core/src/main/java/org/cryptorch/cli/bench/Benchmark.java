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
import org.cryptorch.tune.ComputeCalibration;
import org.cryptorch.tune.CostModel;
import org.cryptorch.tune.ModelTuning;

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
    private final PlanChoice plan;
    private final int repeat;
    private final ComputeCalibration compute;

    public Benchmark(List<Path> models, List<String> networks, PlanChoice plan, int repeat,
                     ComputeCalibration compute) {
        this.models = models.stream().map(m -> BenchModel.load(m, plan)).toList();
        this.networks = networks.stream().map(BenchNetwork::parse).toList();
        this.plan = plan;
        this.repeat = repeat;
        this.compute = compute;
    }

    /** Runs all configurations, printing each run to {@code log}; returns one row per model and network. */
    public List<BenchRow> run(PrintWriter log) throws IOException {
        Map<String, BenchRow> rows = new LinkedHashMap<>();
        for (BenchModel m : models) {
            for (BenchNetwork n : networks) {
                CostModel costs = new CostModel(n.profile(), compute);
                double predicted = m.batches() * ModelTuning.predict(m.program(), costs).seconds();
                rows.put(m.name() + "@" + n.name(), new BenchRow(m.name(), n, predicted));
            }
        }
        Map<String, Integer> wanted = new LinkedHashMap<>();
        try (TempDir tmp = TempDir.create("cryptorch-bench")) {
            for (int r = 0; ; r++) {
                boolean ran = false;
                for (BenchModel m : models) {
                    if (r >= wanted.getOrDefault(m.name(), repeat > 0 ? repeat : DEFAULT_REPEAT)) {
                        continue;
                    }
                    ran = true;
                    double slowest = 0;
                    for (BenchNetwork n : networks) {
                        RunFigures f = runOnce(m, n, tmp.path());
                        log.printf(Locale.ROOT, "%s on %s, run %d: %.3f s online, %d rounds, %.2f MB per party%n",
                            m.name(), n.name(), r + 1, f.onlineSeconds(), f.rounds(), f.bytesPerParty() / 1e6);
                        log.flush();
                        rows.get(m.name() + "@" + n.name()).add(f);
                        slowest = Math.max(slowest, f.onlineSeconds());
                    }
                    if (r == 0 && repeat == 0) {
                        wanted.put(m.name(), slowest < 1 ? SHORT_REPEAT : DEFAULT_REPEAT);
                    }
                }
                if (!ran) {
                    break;
                }
            }
        }
        return new ArrayList<>(rows.values());
    }

    private RunFigures runOnce(BenchModel m, BenchNetwork n, Path tmp) throws IOException {
        Path output = tmp.resolve(m.name() + "-output.npy");
        RunOptions options = RunOptions.of(m.onnx(), m.input(), output).withPlan(plan);
        RunStats stats = CrypTorch.runLocal(options, n.link(), Progress.NONE);
        Map<String, Double> byOp = new LinkedHashMap<>();
        for (RunStats.Op op : stats.perOp()) {
            byOp.merge(op.op(), op.seconds(), Double::sum);
        }
        return new RunFigures(stats.onlineSeconds(), stats.rounds(), stats.bytesPerParty(), stats.offlineBytes(),
            maxError(output, m.reference()), byOp);
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
            max = Math.max(max, Math.abs((double) y.data()[i] - ref.data()[i]));
        }
        return max;
    }
}
