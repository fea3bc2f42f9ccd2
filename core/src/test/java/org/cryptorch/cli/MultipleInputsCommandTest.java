package org.cryptorch.cli;

import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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
 * {@code simulate} and {@code run} of a model with two inputs and two outputs (scripts/make_embedding_test_model.py):
 * one file per input and output name, an owner per input; a file missing, misnamed or misshapen fails in one line
 * naming the input, and leaves no output file.
 */
class MultipleInputsCommandTest {
    @TempDir
    Path dir;

    @BeforeEach
    void files() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/org/cryptorch/api/two_inputs.onnx")) {
            Files.copy(in, dir.resolve("model.onnx"));
        }
        TensorFiles.write(dir.resolve("a.npy"), FloatTensor.of(Shape.of(2, 4), 0.5, -1, 2, 0.25, 1, 1, -2, 3));
        TensorFiles.write(dir.resolve("b.npy"), FloatTensor.of(Shape.of(2, 4), 1, 0, -0.5, 2, -1, 0.75, 1, 0));
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    private CliRun command(String name, String... more) {
        List<String> a = new ArrayList<>(List.of(name, file("model.onnx"), "--inputs", "a=" + file("a.npy"),
            "--inputs", "b=" + file("b.npy"), "--output", "sum=" + file("sum.npy"), "--output",
            "gate=" + file("gate.npy"), "--quiet"));
        a.addAll(Arrays.asList(more));
        return CliRun.of(a.toArray(String[]::new));
    }

    @Test
    @Timeout(120)
    void simulateAndRunWriteEachOutputByName() {
        Map<String, Tensor> reference = FloatInterpreter.run(OnnxReader.read(dir.resolve("model.onnx")),
            Map.of("a", TensorFiles.read(dir.resolve("a.npy")), "b", TensorFiles.read(dir.resolve("b.npy"))));
        CliRun sim = command("simulate");
        assertThat(sim.status()).as(sim.err()).isZero();
        assertOutputs(reference);
        CliRun run = command("run", "--input-owner", "b=1");
        assertThat(run.status()).as(run.err()).isZero();
        assertOutputs(reference);
        CliRun known = command("simulate", "--public-input", "b");
        assertThat(known.status()).as(known.err()).isZero();
        assertOutputs(reference);
    }

    private void assertOutputs(Map<String, Tensor> reference) {
        for (String name : List.of("sum", "gate")) {
            FloatTensor y = (FloatTensor) TensorFiles.read(dir.resolve(name + ".npy"));
            FloatTensor expected = (FloatTensor) reference.get(name);
            assertThat(y.shape()).isEqualTo(expected.shape());
            for (int i = 0; i < y.size(); i++) {
                assertThat(y.data()[i]).as("%s element %d", name, i).isCloseTo(expected.data()[i], offset(1e-3));
            }
        }
    }

    @Test
    void aMissingUnknownOrMisshapenInputIsNamedAndNoOutputIsWritten() throws IOException {
        assertFailsWith(CliRun.of("simulate", file("model.onnx"), "--inputs", file("a.npy"), "--output",
            file("sum.npy")), "model.onnx has 2 inputs (a, b): give --inputs NAME=FILE for each");
        assertFailsWith(CliRun.of("simulate", file("model.onnx"), "--inputs", "a=" + file("a.npy"), "--output",
            "sum=" + file("sum.npy"), "--output", "gate=" + file("gate.npy")), "missing --inputs b=FILE for input 'b'");
        assertFailsWith(command("simulate", "--inputs", "c=" + file("a.npy")),
            "--inputs names 'c', which is no input of model.onnx (its inputs: a, b)");
        assertFailsWith(CliRun.of("simulate", file("model.onnx"), "--inputs", "a=" + file("a.npy"), "--inputs",
            "b=" + file("b.npy"), "--output", "sum=" + file("sum.npy")),
            "missing --output gate=FILE for output 'gate'");
        assertFailsWith(command("run", "--public-input", "c"), "--public-input 'c' is no input of model.onnx");
        TensorFiles.write(dir.resolve("b.npy"), FloatTensor.of(Shape.of(2, 3), 1, 2, 3, 4, 5, 6));
        assertFailsWith(command("simulate"), "input 'b' of model.onnx expects shape [N, 4], got [2, 3]");
        assertFailsWith(command("run"), "input 'b' of model.onnx expects shape [N, 4], got [2, 3]");
        TensorFiles.write(dir.resolve("b.npy"), LongTensor.zeros(Shape.of(2, 4)));
        assertFailsWith(command("run"), "input 'b' of model.onnx takes real values");
    }

    private void assertFailsWith(CliRun r, String fragment) throws IOException {
        assertThat(r.status()).as(r.err()).isNotZero();
        String error = r.err().lines().filter(l -> !l.startsWith("cryptorch: warning: ")).collect(joining("\n"));
        assertThat(error.strip()).startsWith("cryptorch: ").doesNotContain("\n").contains(fragment);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("sum.npy", "gate.npy");
        }
    }
}
