package org.cryptorch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.cryptorch.compile.Plan;
import org.cryptorch.compile.PlanJson;
import org.cryptorch.onnx.TensorFiles;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.testdata.TestData;
import org.cryptorch.tune.CalibrationCache;
import org.cryptorch.tune.ComputeCalibration;
import org.cryptorch.tune.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TuneCommandTest {
    @TempDir
    Path dir;

    private record Result(int status, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("cryptorch: " + ex.getMessage());
            return 1;
        });
        int status = cl.execute(args);
        return new Result(status, out.toString(), err.toString());
    }

    @Test
    void helpDocumentsEveryOptionOfTheContract() {
        String help = run("tune", "--help").out();
        for (String option : new String[] {"MODEL.onnx", "--calib", "--calib-labels", "--metric", "--budget",
            "--network", "-o", "--report", "--seed", "--holdout", "--holdout-labels", "--strategy", "--threads",
            "--quiet"}) {
            assertThat(help).as(option).contains(option);
        }
    }

    @Test
    void badNetworkIsOneClearLine() {
        Result r = run("tune", "m.onnx", "--calib", "c.npy", "--budget", "0", "-o", "p.json", "--network", "moon");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("network 'moon' is neither loopback, lan, wan nor RTT_MS,MBITS");
    }

    @Test
    void aSaturatedCalibrationAccuracyIsPointedOut() {
        assertThat(TuneCommand.saturation(Metric.ACCURACY, 1.0)).get().asString().contains("every calibration sample");
        assertThat(TuneCommand.saturation(Metric.ACCURACY, 0.99)).isEmpty();
        assertThat(TuneCommand.saturation(Metric.MAE, 1.0)).isEmpty();
    }

    @Test
    void tunesFmnistMlpAndWritesAPlanTheCompilerReads() throws Exception {
        Path model = TestData.sharedModels().map(m -> m.resolve("fmnist_mlp")).orElse(null);
        assumeTrue(model != null && Files.isDirectory(model), "shared model fmnist_mlp not found");
        FloatTensor x = (FloatTensor) TensorFiles.read(model.resolve("calib.npy"));
        long[] y = ((LongTensor) TensorFiles.read(model.resolve("calib_labels.npy"))).data();
        Path calib = dir.resolve("c.npy");
        Path labels = dir.resolve("l.npy");
        TensorFiles.write(calib, x.slice(0, 0, 64, 1));
        TensorFiles.write(labels, new LongTensor(Shape.of(64), Arrays.copyOf(y, 64)));
        // a fixed compute calibration in a private cache: no timing in tests
        Path cache = dir.resolve("cache");
        new CalibrationCache(cache, CalibrationCache.machineKey(), () -> new ComputeCalibration(1e9, 2e10)).get();
        String old = System.setProperty(CalibrationCache.DIRECTORY_PROPERTY, cache.toString());
        try {
            Path plan = dir.resolve("plan.json");
            Result r = run("tune", model.resolve("model.onnx").toString(), "--calib", calib.toString(),
                "--calib-labels", labels.toString(), "--budget", "0.02", "--network", "lan", "-o", plan.toString(),
                "--report", dir.resolve("report").toString(), "--seed", "3", "--quiet");
            System.out.print(r.out());
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.err()).isEmpty();
            assertThat(r.out()).contains("predicted on lan:", "predicted on wan:", "calibration accuracy:",
                "default profile as run without a plan or calibration");
            Plan p = PlanJson.read(plan);
            assertThat(p.sites()).extracting(Plan.Site::op).contains("Gelu", "Sigmoid");
            p.validate();
            // the widths measured on the calibration data travel with the plan (runs have no calibration data)
            assertThat(p.comparisonWidths()).isNotEmpty().allSatisfy((node, bits) -> assertThat(bits).isLessThan(64));
            // and so does the input range they were sized on, which the inputs of those runs are checked against
            assertThat(p.calibratedInputs()).isNotEmpty().allSatisfy((input, bound) -> assertThat(bound).isPositive());
            assertThat(dir.resolve("report").resolve("report.html")).exists();
        } finally {
            if (old == null) {
                System.clearProperty(CalibrationCache.DIRECTORY_PROPERTY);
            } else {
                System.setProperty(CalibrationCache.DIRECTORY_PROPERTY, old);
            }
        }
    }
}
