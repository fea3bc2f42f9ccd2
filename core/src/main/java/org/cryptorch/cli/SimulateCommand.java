package org.cryptorch.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.cryptorch.api.Calibration;
import org.cryptorch.api.CrypTorch;
import org.cryptorch.api.Executable;
import org.cryptorch.api.Model;
import org.cryptorch.onnx.TensorFiles;
import org.cryptorch.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cryptorch simulate}: the fixed-point program on the plain backend, in this process. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Runs the program that `run` would run privately on the plain backend in this process: the same "
        + "fixed-point arithmetic and approximations, without parties. Ownership options are ignored.")
public final class SimulateCommand implements Callable<Integer> {
    @Mixin
    RunMixin run;

    @Option(names = "--truncation-risk", description = "print the expected number of local truncation failures "
        + "(wrong by 2^(64-2f) in an element) a private run of these samples would have: the sum of |x|/2^64 over "
        + "every locally truncated value x of this simulation")
    boolean truncationRisk;

    @Override
    public Integer call() {
        CrypTorch.checkFiles(run.options(true, true), true, false);
        Model model = CrypTorch.load(run.model);
        Tensor x = CrypTorch.readSamples(run.inputs);
        Calibration calibration = CrypTorch.readCalibration(run.compile.calib, model);
        CrypTorch.checkRanges(model, run.planChoice(), calibration, x, run.batching.batch, run.inputs);
        Executable.Simulation s = CrypTorch.simulation(model, x, run.planChoice(), run.batching.batch, calibration,
            run.progress("simulate"));
        TensorFiles.write(run.output, s.output());
        if (truncationRisk) {
            System.out.printf(Locale.ROOT, "expected local truncation failures in a private run of these %d samples: "
                + "%.3g%n", x.shape().dim(0), s.expectedTruncationFailures());
        }
        return 0;
    }
}
