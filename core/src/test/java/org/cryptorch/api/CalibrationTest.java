package org.cryptorch.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.cryptorch.compile.Ownership;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calibration files: capped, cycled into the compiled batch shape, and identified by content in the settings. */
class CalibrationTest {
    @TempDir
    Path dir;

    @Test
    void calibratedProgramCostsLessAndItsPlanCompilesTheSameProgramWithoutCalibration() throws Exception {
        DemoFiles.write(dir, 100);
        Model model = CrypTorch.load(dir.resolve("model.onnx"));
        Path calib = dir.resolve("x.npy");
        Calibration c = CrypTorch.readCalibration(calib, model);
        PlanChoice profile = PlanChoice.profile(PlanChoice.DEFAULT_PROFILE);
        Map<String, Shape> batch = model.onlyInput(Shape.of(5, 784));

        // 100 samples are capped at 64: 13 batches of 5, the last one filled up from the first samples.
        assertThat(c.inputs(batch)).hasSize(13)
            .allSatisfy(m -> assertThat(Samples.shapes(m)).isEqualTo(batch));
        Executable calibrated = Executable.compile(model, batch, profile, Ownership.defaults(), c);
        long full = CrypTorch.compile(model, batch, profile, Ownership.defaults()).program().cost().bytesPerParty();
        assertThat(calibrated.program().cost().bytesPerParty()).isLessThan(full);

        // The party without the weights compiles the same program from the calibrated plan alone.
        assertThat(Executable.compile(model, batch, calibrated.plan(), Ownership.defaults()).program().describe())
            .isEqualTo(calibrated.program().describe());
    }
}
