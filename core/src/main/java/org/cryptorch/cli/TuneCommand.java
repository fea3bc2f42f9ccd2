package org.cryptorch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.cryptorch.api.CrypTorch;
import org.cryptorch.api.Model;
import org.cryptorch.api.TuneRequest;
import org.cryptorch.api.Tuned;
import org.cryptorch.tensor.Tensor;
import org.cryptorch.tune.Budget;
import org.cryptorch.tune.CostBenefitSearch;
import org.cryptorch.tune.GreedyBinarySearch;
import org.cryptorch.tune.HtmlReport;
import org.cryptorch.tune.Metric;
import org.cryptorch.tune.NetworkProfile;
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

    @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "the model (one input, real or integer)")
    Path model;

    @Option(names = "--calib", required = true, paramLabel = "C.npy",
        description = "calibration samples (real or integer, like the model's input), first axis = samples")
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
        NetworkProfile net = NetworkProfile.parse(network);
        Budget b = Budget.parse(budget);
        SearchStrategy search = strategy(strategy);
        Model m = CrypTorch.load(model);
        Tensor samples = CrypTorch.readSamples(calib);
        long[] labels = calibLabels == null ? null : CrypTorch.readLabels(calibLabels);
        Metric chosenMetric = metric != null ? Metric.parse(metric) : TuneRequest.defaultMetric(labels);
        TuneOptions options = TuneOptions.of(chosenMetric, b, seed).withTieAlike(tieAlike);
        if (threads != null) {
            options = options.withThreads(threads);
        }
        TuneRequest request = new TuneRequest(samples, labels, options, net, search,
            holdout == null ? null : CrypTorch.readSamples(holdout),
            holdoutLabels == null ? null : CrypTorch.readLabels(holdoutLabels), output, report);
        TuneProgress progress = new TuneProgress(spec.commandLine().getErr(), quiet);
        Tuned tuned = CrypTorch.tune(m, request, progress::note, progress::evaluated);
        progress.done();
        summarise(out, tuned);
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

    /** Prints the metric, the predicted latencies per network ({@link Tuned.Prediction}) and the held-out figures. */
    private static void summarise(PrintWriter out, Tuned tuned) {
        TuneReport r = tuned.report();
        String name = r.metric().cliName();
        out.printf(Locale.ROOT, "%s: %d evaluations (%d cache hits) in %.1f s%n", r.strategy(), r.searchEvaluations(),
            r.cacheHits(), r.searchSeconds());
        out.printf(Locale.ROOT, "calibration %s: default profile %.4f, tuned %.4f%n", name, r.reference().metric(),
            r.chosen().metric());
        saturation(r.metric(), r.reference().metric()).ifPresent(out::println);
        for (Tuned.Prediction p : tuned.predictions()) {
            out.printf(Locale.ROOT, "predicted on %s: %.4f s -> %.4f s (%.2fx); default profile as run without a plan"
                + " or calibration: %.4f s (%.2fx)%n", p.network().name(), p.reference(), p.tuned(),
                p.reference() / p.tuned(), p.runDefault(), p.runDefault() / p.tuned());
        }
        Tuned.Holdout h = tuned.holdout();
        if (h != null) {
            out.printf(Locale.ROOT, "held-out %s (%d samples): default profile %.4f, tuned %.4f; predicted speedup "
                + "%.2fx on %s%n", name, h.samples(), h.reference(), h.tuned(), tuned.speedup(), r.network().name());
        }
    }

    private static SearchStrategy strategy(String name) {
        return switch (name) {
            case "cost-benefit" -> new CostBenefitSearch();
            case "greedy-binary" -> new GreedyBinarySearch();
            default -> throw new IllegalArgumentException("unknown strategy '" + name
                + "' (cost-benefit, greedy-binary)");
        };
    }
}
