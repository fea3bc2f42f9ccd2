package org.cryptorch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.cryptorch.api.PlanChoice;
import org.cryptorch.cli.bench.BenchReport;
import org.cryptorch.cli.bench.BenchRow;
import org.cryptorch.cli.bench.Benchmark;
import org.cryptorch.tune.CalibrationCache;
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
            + "NAME_output.npy (max error)."})
public final class BenchCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "MODEL.onnx", description = "Models to run.")
    List<Path> models;

    @Option(names = "--networks", split = ",", defaultValue = "loopback,lan,wan",
        description = "Networks (loopback, lan, wan or RTT_MS,MBITS; default: ${DEFAULT-VALUE}).")
    List<String> networks;

    @Option(names = "--repeat", defaultValue = "0",
        description = "Runs per configuration; 0 (default): 3, or 5 for a model whose first runs took under 1 s.")
    int repeat;

    @Option(names = "--profile", defaultValue = PlanChoice.DEFAULT_PROFILE,
        description = "Approximation profile (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--plan", description = "A tuned plan (cryptorch tune) instead of a profile.")
    Path plan;

    @Option(names = "--out", defaultValue = "bench-results", description = "Output directory (default: "
        + "${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (repeat < 0) {
            throw new IllegalArgumentException("--repeat must be >= 0, got " + repeat);
        }
        PrintWriter log = new PrintWriter(System.out, true);
        Benchmark bench = new Benchmark(models, networks, PlanChoice.of(plan, plan == null ? profile : null), repeat,
            CalibrationCache.forThisMachine().get());
        List<BenchRow> rows = bench.run(log);
        log.print(BenchReport.table(rows));
        for (Path p : BenchReport.write(rows, out)) {
            log.println("wrote " + p);
        }
        return 0;
    }
}
