package org.cryptorch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cryptorch.api.DemoFiles;
import org.cryptorch.onnx.TensorFiles;
import org.cryptorch.tensor.FloatTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --calib}: comparisons compiled on the bits the calibration range needs instead of 64 cost fewer bytes, and
 * the outputs stay those of the 64-bit program up to truncation noise.
 */
class RunCalibrationTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(240) // two private runs and two simulations: about 20 s alone, over 90 s with five builds sharing 2 cores
    void calibratedRunSendsFewerBytesWithTheSameOutputs() throws Exception {
        DemoFiles.write(dir, 3);
        // Calibration samples other than the inputs: the demo set's next samples.
        Path more = Files.createDirectory(dir.resolve("more"));
        DemoFiles.write(more, 11);
        TensorFiles.write(dir.resolve("calib.npy"), ((FloatTensor) TensorFiles.read(more.resolve("x.npy")))
            .slice(0, 3, 11, 1));

        long plainBytes = run("plain");
        long calibratedBytes = run("calibrated", "--calib", file("calib.npy"));
        assertThat(calibratedBytes).isLessThan(plainBytes);
        assertClose("plain.npy", "calibrated.npy");

        command("simulate", "sim_plain");
        command("simulate", "sim_calibrated", "--calib", file("calib.npy"));
        assertClose("sim_plain.npy", "sim_calibrated.npy");
        assertClose("calibrated.npy", "sim_calibrated.npy");
    }

    /** A private run writing {@code name.npy} and {@code name.json}; returns its online bytes per party. */
    private long run(String name, String... extra) throws Exception {
        List<String> options = new ArrayList<>(List.of("--stats", file(name + ".json")));
        options.addAll(List.of(extra));
        command("run", name, options.toArray(String[]::new));
        return new ObjectMapper().readTree(dir.resolve(name + ".json").toFile()).path("bytes_per_party").asLong();
    }

    /** {@code command} on the demo model and inputs, writing {@code name.npy}. */
    private void command(String command, String name, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, file("model.onnx"), "--inputs", file("x.npy"),
            "--output", file(name + ".npy"), "--quiet"));
        args.addAll(List.of(extra));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isZero();
    }

    /** Equal up to truncation noise (a few ulp of 2^-16 per truncation, well below 1e-2 on this model). */
    private void assertClose(String a, String b) {
        FloatTensor x = (FloatTensor) TensorFiles.read(dir.resolve(a));
        FloatTensor y = (FloatTensor) TensorFiles.read(dir.resolve(b));
        assertThat(y.shape()).isEqualTo(x.shape());
        for (int i = 0; i < x.size(); i++) {
            assertThat(y.data()[i]).as("%s vs %s at %d", a, b, i).isCloseTo(x.data()[i], offset(1e-2));
        }
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }
}
