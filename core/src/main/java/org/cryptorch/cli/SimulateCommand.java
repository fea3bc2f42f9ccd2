package org.cryptorch.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cryptorch.api.Calibration;
import org.cryptorch.api.CrypTorch;
import org.cryptorch.api.Executable;
import org.cryptorch.api.Model;
import org.cryptorch.api.NamedFiles;
import org.cryptorch.api.RunOptions;
import org.cryptorch.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cryptorch simulate}: the fixed-point program on the plain backend, in this process. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Runs the program that `run` would run privately on the plain backend in this process: the same "
        + "fixed-point arithmetic and approximations, without parties. Input owners and the weights owner do not "
        + "matter here; --public-input does (public inputs are constants of the program).")
public final class SimulateCommand implements Callable<Integer> {
    @Mixin
    RunMixin run;

    @Option(names = "--truncation-risk", description = "print the expected number of local truncation failures "
        + "(wrong by 2^(64-2f) in an element) a private run of these samples would have: the sum of |x|/2^64 over "
        + "every locally truncated value x of this simulation")
    boolean truncationRisk;

    @Override
    public Integer call() {
        RunOptions options = run.options();
        CrypTorch.checkFiles(options, true, false);
        Model model = CrypTorch.load(run.model);
        options.checkPublicInputs(model);
        Map<String, Path> inputFiles = options.inputFiles(model);
        Map<String, Path> outputFiles = options.outputFiles(model);
        Map<String, Tensor> x = CrypTorch.readSamples(inputFiles);
        Calibration calibration = CrypTorch.readCalibration(options.calib(), model);
        CrypTorch.checkRanges(model, run.planChoice(), calibration, x, run.batching.batch,
            NamedFiles.describe(inputFiles));
        Executable.Simulation s = CrypTorch.simulation(model, x, options.publicInputs(), run.planChoice(),
            run.batching.batch, calibration, run.progress("simulate"));
        CrypTorch.writeOutputs(outputFiles, s.outputs());
        if (truncationRisk) {
            System.out.printf(Locale.ROOT, "expected local truncation failures in a private run of these %d samples: "
                + "%.3g%n", x.values().iterator().next().shape().dim(0), s.expectedTruncationFailures());
        }
        return 0;
    }
}
