package org.cryptorch.cli;

import java.util.concurrent.Callable;
import org.cryptorch.api.Calibration;
import org.cryptorch.api.CrypTorch;
import org.cryptorch.api.Model;
import org.cryptorch.onnx.TensorFiles;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cryptorch simulate}: the fixed-point program on the plain backend, in this process. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Runs the program that `run` would run privately on the plain backend in this process: the same "
        + "fixed-point arithmetic and approximations, without parties. Ownership options are ignored.")
public final class SimulateCommand implements Callable<Integer> {
    @Mixin
    RunMixin run;

    @Override
    public Integer call() {
        CrypTorch.checkFiles(run.options(true, true), true, false);
        Model model = CrypTorch.load(run.model);
        Tensor x = CrypTorch.readSamples(run.inputs);
        Calibration calibration = CrypTorch.readCalibration(run.compile.calib, model);
        CrypTorch.checkRanges(model, run.planChoice(), x, run.batching.batch, run.inputs);
        FloatTensor y = CrypTorch.simulate(model, x, run.planChoice(), run.batching.batch, calibration,
            run.progress("simulate"));
        TensorFiles.write(run.output, y);
        return 0;
    }
}
