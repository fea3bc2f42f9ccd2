package org.cryptorch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.cryptorch.compile.Ownership;
import org.cryptorch.onnx.OnnxReader;
import org.cryptorch.onnx.TensorFiles;
import org.cryptorch.reference.FloatInterpreter;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model with two inputs and two outputs (scripts/make_embedding_test_model.py: sum = (a + b) W, gate = Relu(a V)):
 * simulated, and run privately with each input supplied by another party, the outputs written by name.
 */
class MultipleInputsTest {
    private static final PlanChoice PROFILE = PlanChoice.profile(PlanChoice.DEFAULT_PROFILE);

    @TempDir
    Path dir;
    private Path modelFile;
    private Model model;
    private Map<String, Tensor> inputs;
    private Map<String, Tensor> reference;

    @BeforeEach
    void files() throws Exception {
        modelFile = dir.resolve("two_inputs.onnx");
        try (InputStream in = getClass().getResourceAsStream("two_inputs.onnx")) {
            Files.copy(in, modelFile);
        }
        model = CrypTorch.load(modelFile);
        inputs = new LinkedHashMap<>();
        inputs.put("a", random(Shape.of(5, 4), 1));
        inputs.put("b", random(Shape.of(5, 4), 2));
        inputs.forEach((name, t) -> TensorFiles.write(dir.resolve(name + ".npy"), t));
        reference = FloatInterpreter.run(OnnxReader.read(modelFile), inputs);
    }

    @Test
    @Timeout(60)
    void eachPartySuppliesItsInputAndTheReceiverWritesEveryOutputByName() throws Exception {
        assertThat(model.inputNames()).containsExactly("a", "b");
        assertThat(model.outputNames()).containsExactly("sum", "gate");
        Map<String, FloatTensor> simulated = CrypTorch.simulate(model, inputs, PROFILE, 2, Calibration.NONE,
            Progress.NONE);
        assertThat(simulated.keySet()).containsExactly("sum", "gate");
        simulated.forEach((name, y) -> assertClose(y, (FloatTensor) reference.get(name)));

        Ownership owners = RunOptions.owners(List.of("0", "b=1"), "1", 0);
        Map<String, Path> outputs = new LinkedHashMap<>();
        outputs.put("sum", dir.resolve("sum.npy"));
        outputs.put("gate", dir.resolve("gate.npy"));
        RunOptions party0 = RunOptions.of(modelFile, NamedFiles.of(Map.of("a", dir.resolve("a.npy"))),
            NamedFiles.of(outputs)).withOwners(owners).withBatch(2);
        RunOptions party1 = RunOptions.of(modelFile, NamedFiles.of(Map.of("b", dir.resolve("b.npy"))),
            NamedFiles.NONE).withOwners(owners).withBatch(2);
        RunStats stats = InJvmCluster.run(InJvmCluster.plaintext(dir), party0, party1);
        for (String name : List.of("sum", "gate")) {
            assertClose((FloatTensor) TensorFiles.read(outputs.get(name)), (FloatTensor) reference.get(name));
        }
        assertThat(stats.rounds()).isPositive();
    }

    /**
     * A server answers a client's queries of both inputs, one of them public: the client sends b's values with each
     * query, and each distinct value compiles into a program of its own at both.
     */
    @Test
    @Timeout(60)
    void aServerAnswersQueriesWithAPublicInput() throws Exception {
        ClusterConfig cluster = InJvmCluster.plaintext(dir);
        RunOptions options = RunOptions.of(modelFile, NamedFiles.NONE, NamedFiles.NONE)
            .withPublicInputs(Set.of("b"));
        Map<String, FloatTensor> served;
        try (DealerService dealer = CrypTorch.serveDealer(cluster, line -> { });
             ModelServer server = CrypTorch.serve(cluster, options, null, line -> { });
             ClientSession client = CrypTorch.connect(cluster, options)) {
            served = client.inferEach(inputs, 2, Duration.ZERO, query -> { });
        }
        assertThat(served.keySet()).containsExactly("sum", "gate");
        served.forEach((name, y) -> assertClose(y, (FloatTensor) reference.get(name)));
    }

    @Test
    void aMissingUnknownOrMisshapenInputIsNamed() {
        assertThatThrownBy(() -> simulate(Map.of("a", inputs.get("a"))))
            .hasMessage("missing input 'b' of two_inputs.onnx");
        Map<String, Tensor> extra = new LinkedHashMap<>(inputs);
        extra.put("c", inputs.get("a"));
        assertThatThrownBy(() -> simulate(extra))
            .hasMessage("'c' is no input of two_inputs.onnx (its inputs: a, b)");
        assertThatThrownBy(() -> simulate(Map.of("a", inputs.get("a"), "b", random(Shape.of(5, 3), 3))))
            .hasMessage("input 'b' of two_inputs.onnx expects shape [N, 4], got [5, 3]");
        assertThatThrownBy(() -> simulate(Map.of("a", inputs.get("a"), "b", LongTensor.zeros(Shape.of(5, 4)))))
            .hasMessage("input 'b' of two_inputs.onnx takes real values (FLOAT32), got INT64");
        assertThatThrownBy(() -> simulate(Map.of("a", inputs.get("a"), "b", random(Shape.of(4, 4), 3))))
            .hasMessage("the inputs have different numbers of samples (first dimension): a 5, b 4");
        assertThatThrownBy(() -> CrypTorch.simulate(model, inputs.get("a"), PROFILE, 0))
            .hasMessage("two_inputs.onnx has 2 inputs (a, b): give each by name");
    }

    @Test
    void filesAreNamedAsTheModelsInputs() {
        RunOptions unnamed = RunOptions.of(modelFile, dir.resolve("a.npy"), dir.resolve("y.npy"));
        assertThatThrownBy(() -> unnamed.inputFiles(model))
            .hasMessage("two_inputs.onnx has 2 inputs (a, b): give --inputs NAME=FILE for each");
        RunOptions missing = RunOptions.of(modelFile,
            NamedFiles.parse("--inputs", List.of("a=" + dir.resolve("a.npy"))), NamedFiles.NONE);
        assertThatThrownBy(() -> missing.inputFiles(model))
            .hasMessage("missing --inputs b=FILE for input 'b' of two_inputs.onnx");
        RunOptions unknown = RunOptions.of(modelFile, NamedFiles.parse("--inputs", List.of("a=a.npy", "b=b.npy",
            "x=x.npy")), NamedFiles.NONE);
        assertThatThrownBy(() -> unknown.inputFiles(model))
            .hasMessage("--inputs names 'x', which is no input of two_inputs.onnx (its inputs: a, b)");
        assertThatThrownBy(() -> NamedFiles.parse("--output", List.of("sum=s.npy", "sum=t.npy")))
            .hasMessage("--output names 'sum' twice");
        assertThatThrownBy(() -> NamedFiles.parse("--output", List.of("s.npy", "gate=g.npy")))
            .hasMessageStartingWith("--output: give one FILE for a model's only input or output, or NAME=FILE");
    }

    private Map<String, FloatTensor> simulate(Map<String, Tensor> samples) {
        return CrypTorch.simulate(model, samples, PROFILE, 0, Calibration.NONE, Progress.NONE);
    }

    private static FloatTensor random(Shape shape, long seed) {
        Random r = new Random(seed);
        double[] d = new double[shape.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextGaussian();
        }
        return new FloatTensor(shape, d);
    }

    private static void assertClose(FloatTensor actual, FloatTensor expected) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        for (int i = 0; i < actual.size(); i++) {
            assertThat(actual.data()[i]).as("element %d", i).isCloseTo(expected.data()[i], offset(1e-3));
        }
    }
}
