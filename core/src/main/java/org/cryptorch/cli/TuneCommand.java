package org.cryptorch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.cryptorch.compile.CompileOptions;
import org.cryptorch.compile.Plan;
import org.cryptorch.compile.Program;
import org.cryptorch.onnx.OnnxReader;
import org.cryptorch.onnx.TensorFiles;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Tensor;
import org.cryptorch.tune.Budget;
import org.cryptorch.tune.CostBenefitSearch;
import org.cryptorch.tune.CostModel;
import org.cryptorch.tune.GreedyBinarySearch;
import org.cryptorch.tune.HtmlReport;
import org.cryptorch.tune.Metric;
import org.cryptorch.tune.ModelTuning;
import org.cryptorch.tune.NetworkProfile;
import org.cryptorch.tune.PlanFile;
import org.cryptorch.tune.RunCalibration;
import org.cryptorch.tune.SearchStrategy;
import org.cryptorch.tune.TuneOptions;
import org.cryptorch.tune.TuneReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cryptorch tune}: chooses an approximation per site under an accuracy budget; writes PLAN.json. */
@Command(name = "tune", mixinStandardHelpOptions = true,
    description = {"Searches the approximation and knobs of every non-linear site, scoring candidates in bit-exact"
        + " fixed point (PlainBackend) on calibration samples and pricing them with a network-aware cost model"
        + " (rounds x RTT + bytes / bandwidth + compute). The reference is the default profile; the budget bounds"
        + " the metric's loss against it. Same seed, same plan."})
public final class TuneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "the model (one input)")
    Path model;

    @Option(names = "--calib", required = true, paramLabel = "C.npy",
        description = "calibration samples, first axis = samples")
    Path calib;

    @Option(names = "--calib-labels", paramLabel = "L.npy", description = "integer labels of the calibration samples")
    Path calibLabels;

    @Option(names = "--metric", paramLabel = "METRIC", description = "accuracy|loss (need labels), mae|max_abs|kl"
        + " (against the float model's outputs); default: accuracy with labels, else mae")
    String metric;

    @Option(names = "--budget", required = true, paramLabel = "B",
        description = "allowed loss against the default profile: absolute (0, 0.01) or relative (5%%); above 0, "
            + "lossy stand-ins (gelu.relu) become candidates too")
    String budget;

    @Option(names = "--network", paramLabel = "NET", defaultValue = "loopback",
        description = "loopback|lan|wan or RTT_MS,MBITS (default: ${DEFAULT-VALUE})")
    String network;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "PLAN.json", description = "the plan to write")
    Path output;

    @Option(names = "--report", paramLabel = "DIR", description = "write charts and report.html here")
    Path report;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--holdout", paramLabel = "X.npy", description = "held-out samples to re-measure the plan on")
    Path holdout;

    @Option(names = "--holdout-labels", paramLabel = "L.npy", description = "labels of the held-out samples")
    Path holdoutLabels;

    @Option(names = "--strategy", paramLabel = "NAME", defaultValue = "cost-benefit",
        description = "cost-benefit (ours) or greedy-binary (the paper's) (default: ${DEFAULT-VALUE})")
    String strategy;

    @Option(names = "--threads", paramLabel = "N", description = "evaluations at once (default: the cores)")
    Integer threads;

    @Option(names = "--tie-alike", description = "tune alike sites (same op and shapes) as one decision: fewer"
        + " evaluations for models with repeated layers")
    boolean tieAlike;

    @Option(names = "--quiet", description = "no progress on stderr")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        NetworkProfile net = NetworkProfile.parse(network);
        Budget b = Budget.parse(budget);
        SearchStrategy search = strategy(strategy);
        FloatTensor samples = floats(calib, "--calib");
        long[] labels = calibLabels == null ? null : labels(calibLabels, "--calib-labels");
        Metric m = metric != null ? Metric.parse(metric) : labels != null ? Metric.ACCURACY : Metric.MAE;
        CostModel costs = CostModel.forThisMachine(net);
        TuneOptions options = TuneOptions.of(m, b, seed).withTieAlike(tieAlike);
        if (threads != null) {
            options = options.withThreads(threads);
        }
        TuneProgress progress = new TuneProgress(err, quiet);
        ModelTuning tuning = new ModelTuning(() -> OnnxReader.read(model), samples, labels, m, b.amount() > 0,
            CompileOptions.defaults(), costs, options.threads(), progress::note);
        progress.note(costs.runCalibrated() ? "cost model: this machine's run calibration (" + RunCalibration.file()
            + ")" : "cost model: compute microbenchmark, no per-round overhead (no 'cryptorch bench --calibrate' yet)");
        progress.note("search space: " + tuning.space());
        TuneReport r = tuning.tune(search, costs, options, progress::evaluated);
        progress.done();
        try {
            PlanFile.write(r, output);
            if (report != null) {
                HtmlReport.write(r, report);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + e.getMessage(), e);
        }
        ModelTuning.Compiled reference = tuning.compile(r.reference().assignment());
        ModelTuning.Compiled chosen = tuning.compile(r.chosen().assignment());
        double speedup = summarise(out, r, costs, reference.program(), chosen.program(),
            tuning.uncalibratedReference(r.reference().assignment()));
        if (holdout != null) {
            checkHoldout(out, tuning, r, m, speedup, reference.plan(), chosen.plan());
        }
        out.printf("plan written to %s%s%n", output, report == null ? "" : "; report: " + report.resolve(
            HtmlReport.HTML));
        out.flush();
        return 0;
    }

    /**
     * A note when the default profile classifies every calibration sample correctly: then no loss smaller than one
     * sample can show, so the budget is checked with less resolution than it suggests.
     */
    static Optional<String> saturation(Metric metric, double reference) {
        if (metric != Metric.ACCURACY || reference < 1) {
            return Optional.empty();
        }
        return Optional.of("note: the default profile classifies every calibration sample correctly, so a loss "
            + "smaller than one sample cannot show here; check the held-out figure, or give more samples or --metric "
            + "loss");
    }

    /**
     * Prints metric and predicted latencies, against the reference the search used (the default profile with the
     * calibration's comparison widths) and against the default profile as {@code run} compiles it without a plan
     * (no calibration: comparisons sized for documented ranges or 64 bits), which is what a measured
     * {@code run --stats} speedup compares with; returns the first speedup on the tuning network.
     */
    private double summarise(PrintWriter out, TuneReport r, CostModel costs, Program reference, Program chosen,
                             Program runDefault) {
        String name = r.metric().cliName();
        out.printf(Locale.ROOT, "%s: %d evaluations (%d cache hits) in %.1f s%n", r.strategy(), r.searchEvaluations(),
            r.cacheHits(), r.searchSeconds());
        out.printf(Locale.ROOT, "calibration %s: default profile %.4f, tuned %.4f%n", name, r.reference().metric(),
            r.chosen().metric());
        saturation(r.metric(), r.reference().metric()).ifPresent(out::println);
        Map<String, NetworkProfile> networks = new LinkedHashMap<>();
        for (NetworkProfile n : List.of(costs.network(), NetworkProfile.LOOPBACK, NetworkProfile.WAN)) {
            networks.putIfAbsent(n.name(), n);
        }
        double speedup = Double.NaN;
        for (NetworkProfile n : networks.values()) {
            CostModel c = costs.on(n);
            double before = ModelTuning.predict(reference, c).seconds();
            double after = ModelTuning.predict(chosen, c).seconds();
            double plain = ModelTuning.predict(runDefault, c).seconds();
            out.printf(Locale.ROOT, "predicted on %s: %.4f s -> %.4f s (%.2fx); default profile as run without a plan"
                + " or calibration: %.4f s (%.2fx)%n", n.name(), before, after, before / after, plain,
                plain / after);
            if (n == costs.network()) {
                speedup = before / after;
            }
        }
        return speedup;
    }

    private void checkHoldout(PrintWriter out, ModelTuning tuning, TuneReport r, Metric m, double speedup,
                              Plan reference, Plan chosen) {
        FloatTensor x = floats(holdout, "--holdout");
        long[] y = holdoutLabels == null ? null : labels(holdoutLabels, "--holdout-labels");
        double before = tuning.score(reference, x, y);
        double after = tuning.score(chosen, x, y);
        out.printf(Locale.ROOT, "held-out %s (%d samples): default profile %.4f, tuned %.4f; predicted speedup %.2fx on"
            + " %s%n", m.cliName(), x.shape().dim(0), before, after, speedup, r.network().name());
    }

    private static SearchStrategy strategy(String name) {
        return switch (name) {
            case "cost-benefit" -> new CostBenefitSearch();
            case "greedy-binary" -> new GreedyBinarySearch();
            default -> throw new IllegalArgumentException("unknown strategy '" + name
                + "' (cost-benefit, greedy-binary)");
        };
    }

    private static FloatTensor floats(Path file, String option) {
        Tensor t = TensorFiles.read(file);
        if (!(t instanceof FloatTensor f)) {
            throw new IllegalArgumentException(option + " " + file + " holds " + t.dtype() + " data, not floats");
        }
        return f;
    }

    private static long[] labels(Path file, String option) {
        Tensor t = TensorFiles.read(file);
        if (!(t instanceof LongTensor l) || l.shape().rank() != 1) {
            throw new IllegalArgumentException(option + " " + file + " must be a 1-d integer array, got "
                + t.dtype() + " " + t.shape());
        }
        return l.data();
    }
}
