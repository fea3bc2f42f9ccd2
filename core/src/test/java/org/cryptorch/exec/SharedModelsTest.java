package org.cryptorch.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cryptorch.approx.Approximations;
import org.cryptorch.approx.Profile;
import org.cryptorch.compile.CompileOptions;
import org.cryptorch.compile.Compiler;
import org.cryptorch.compile.Plan;
import org.cryptorch.compile.Program;
import org.cryptorch.ir.Graph;
import org.cryptorch.mpc.Cost;
import org.cryptorch.onnx.OnnxReader;
import org.cryptorch.onnx.TensorFiles;
import org.cryptorch.passes.Canonicalizer;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Tensor;
import org.cryptorch.testdata.TestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shared classification models, default profile: fixed-point accuracy and two-party agreement. */
class SharedModelsTest {
    @ParameterizedTest
    @CsvSource({"fmnist_mlp, 250", "digits_vit, 99"})
    void keepsTheFloatAccuracyInFixedPoint(String model, int batch) throws Exception {
        Path dir = modelDir(model);
        String input = OnnxReader.read(dir.resolve("model.onnx")).inputs().get(0).name();
        FloatTensor x = (FloatTensor) TensorFiles.read(dir.resolve("inputs.npy"));
        Program p = compile(dir, input, batch);
        long[] labels = ((LongTensor) TensorFiles.read(dir.resolve("labels.npy"))).data();
        Interpreter it = new Interpreter(p, new PlainBackend(p.fractionalBits()));
        int correct = 0;
        long start = System.nanoTime();
        for (int b = 0; b < labels.length; b += batch) {
            FloatTensor out = it.run(Map.of(input, x.slice(0, b, b + batch, 1))).outputs().values().iterator().next();
            for (int i = 0; i < batch; i++) {
                correct += argmax(out, i) == labels[b + i] ? 1 : 0;
            }
        }
        double accuracy = (double) correct / labels.length;
        double floatAccuracy = new ObjectMapper().readTree(dir.resolve("meta.json").toFile()).get("float_accuracy")
            .asDouble();
        Cost c = p.cost();
        System.out.printf("%s on PlainBackend: accuracy %.4f (float %.4f), %.2f s for %d samples; per batch of "
                + "%d predicted %d rounds, %d bytes per party, %d offline bytes%n", model, accuracy, floatAccuracy,
            (System.nanoTime() - start) / 1e9, labels.length, batch, c.rounds(), c.bytesPerParty(), c.offlineBytes());
        assertThat(Math.abs(accuracy - floatAccuracy)).isLessThanOrEqualTo(0.005);
    }

    @ParameterizedTest
    @CsvSource({"fmnist_mlp, 250", "digits_vit, 16"})
    void twoPartiesEqualThePlainBackend(String model, int batch) throws Exception {
        Path dir = modelDir(model);
        String input = OnnxReader.read(dir.resolve("model.onnx")).inputs().get(0).name();
        Program p = compile(dir, input, batch);
        FloatTensor x = ((FloatTensor) TensorFiles.read(dir.resolve("inputs.npy"))).slice(0, 0, batch, 1);
        MpcBackendTest.checkAgainstPlain(p, Map.of(input, x), model + ", " + batch + " samples");
    }

    /** Compiled for batches of {@code batch} samples, comparison widths calibrated on as many calibration samples. */
    private static Program compile(Path dir, String input, int batch) {
        FloatTensor calib = ((FloatTensor) TensorFiles.read(dir.resolve("calib.npy"))).slice(0, 0, batch, 1);
        Graph g = Canonicalizer.canonicalize(OnnxReader.read(dir.resolve("model.onnx")), Map.of(input, calib.shape()));
        Plan plan = Plan.fromProfile(g, Profile.named(Profile.DEFAULT));
        List<String> missing = plan.sites().stream().map(Plan.Site::approximation)
            .filter(a -> Approximations.all().stream().noneMatch(r -> r.name().equals(a))).distinct().toList();
        assumeTrue(missing.isEmpty(), "approximations not in this build yet: " + missing);
        return Compiler.compile(g, Map.of(input, calib.shape()), plan, CompileOptions.defaults(),
            List.<Map<String, Tensor>>of(Map.of(input, calib)));
    }

    private static Path modelDir(String name) {
        Path dir = TestData.sharedModels().map(m -> m.resolve(name)).orElse(null);
        assumeTrue(dir != null && Files.isDirectory(dir), "shared model " + name + " not found");
        return dir;
    }

    private static int argmax(FloatTensor out, int row) {
        int n = out.shape().dim(1);
        int best = 0;
        for (int j = 1; j < n; j++) {
            if (out.data()[row * n + j] > out.data()[row * n + best]) {
                best = j;
            }
        }
        return best;
    }
}
