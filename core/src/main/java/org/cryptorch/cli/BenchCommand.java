package org.cryptorch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cryptorch.api.PlanChoice;
import org.cryptorch.cli.bench.BenchReport;
import org.cryptorch.cli.bench.BenchRow;
import org.cryptorch.cli.bench.Benchmark;
import org.cryptorch.cli.bench.RunsFile;
import org.cryptorch.tune.CalibrationCache;
import org.cryptorch.tune.ComputeCalibration;
import org.cryptorch.tune.RunCalibration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cryptorch bench}: private runs of models on loopback and emulated LAN/WAN links, measured side by side. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Runs each model privately (dealer, party 1 and party 0 as processes on this machine; off "
        + "loopback the parties talk through an emulated link, see 'cryptorch link') on each network, alternating "
        + "configurations, and writes the medians with the cost model's prediction to DIR/bench.md and a chart of "
        + "online seconds per network stacked by op kind to DIR/online-MODEL.png.",
        "A model NAME.onnx takes its input from NAME_input.npy beside it and, if present, compares the output with "
            + "NAME_output.npy (max error).",
        "Predictions come from this machine's run calibration (per-round overhead, per-op-kind compute), fitted "
            + "with --calibrate to these models' loopback runs and cached; without one, from the tuner's cost "
            + "model."})
public final class BenchCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "MODEL.onnx", description = "Models to run.")
    List<Path> models = new ArrayList<>();

    @Option(names = "--networks", split = ",", defaultValue = "loopback,lan,wan",
        description = "Networks (loopback, lan, wan or RTT_MS,MBITS; default: ${DEFAULT-VALUE}).")
    List<String> networks;

    @Option(names = "--repeat", defaultValue = "0",
        description = "Runs per configuration; 0 (default): 3, or 5 for a model whose first runs took under 1 s.")
    int repeat;

    @Option(names = "--profile", description = "Approximation profile; repeat to compare several (default: "
        + PlanChoice.DEFAULT_PROFILE + " unless --plan is given).")
    List<String> profiles = new ArrayList<>();

    @Option(names = "--plan", description = "A tuned plan (cryptorch tune); repeat to compare several, side by side "
        + "with any --profile.")
    List<Path> plans = new ArrayList<>();

    @Option(names = "--calibrate", description = "Fit the run calibration to these runs' loopback figures and cache "
        + "it for later predictions.")
    boolean calibrate;

    @Option(names = "--replay", paramLabel = "RUNS.json", description = "Instead of running, predict (and with "
        + "--calibrate fit) from the runs an earlier bench wrote to DIR/runs.json.")
    Path replay;

    @Option(names = "--out", defaultValue = "bench-results", description = "Output directory (default: "
        + "${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (repeat < 0) {
            throw new IllegalArgumentException("--repeat must be >= 0, got " + repeat);
        }
        PrintWriter log = new PrintWriter(System.out, true);
        if (calibrate && replay == null && !networks.contains("loopback")) {
            throw new IllegalArgumentException("--calibrate fits to loopback runs: add loopback to --networks");
        }
        List<PlanChoice> choices = new ArrayList<>();
        profiles.forEach(p -> choices.add(PlanChoice.profile(p)));
        plans.forEach(p -> choices.add(PlanChoice.plan(p)));
        if (choices.isEmpty()) {
            choices.add(PlanChoice.profile(PlanChoice.DEFAULT_PROFILE));
        }
        if ((replay == null) == models.isEmpty()) {
            throw new IllegalArgumentException("give models to run or --replay RUNS.json, not both");
        }
        ComputeCalibration compute = CalibrationCache.forThisMachine().get();
        Benchmark.Runs runs = replay != null ? RunsFile.read(replay)
            : new Benchmark(models, choices, networks, repeat).run(log);
        RunCalibration calibration;
        if (calibrate) {
            calibration = Benchmark.calibrate(runs);
            calibration.save(RunCalibration.file(), replay != null ? replay.toString()
                : String.join(", ", models.stream().map(Path::toString).toList()));
            log.printf(Locale.ROOT, "run calibration: %.1f us per round, %.3g ns per byte, %.3g ns per MAC, %.3g ns "
                + "per element; wrote %s%n", calibration.roundOverheadSeconds() * 1e6, calibration.byteSeconds() * 1e9,
                calibration.macSeconds() * 1e9, calibration.elementSeconds() * 1e9, RunCalibration.file());
        } else {
            calibration = RunCalibration.load(RunCalibration.file());
            log.println(calibration != null ? "predicted with the run calibration " + RunCalibration.file()
                : "no run calibration on this machine (bench --calibrate): predicted with the tuner's cost model");
        }
        List<BenchRow> rows = Benchmark.rows(runs, calibration, compute);
        log.print(BenchReport.table(rows));
        for (Path p : BenchReport.write(rows, out)) {
            log.println("wrote " + p);
        }
        if (replay == null) {
            Path file = out.resolve("runs.json");
            RunsFile.write(runs, file);
            log.println("wrote " + file);
        }
        return 0;
    }
}
