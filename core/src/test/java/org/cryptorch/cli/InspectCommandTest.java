package org.cryptorch.cli;

import org.cryptorch.testdata.TestData;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
    /** Exit status, standard output and standard error of one CLI run. */
    private record Result(int status, String out, String err) {
    }

    private static Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = Main.run(args);
            return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static Path fmnist() {
        Path model = TestData.sharedModels().map(m -> m.resolve("fmnist_mlp/model.onnx")).orElse(null);
        Assumptions.assumeTrue(model != null && Files.isRegularFile(model),
            "shared/models/fmnist_mlp not found above the working directory; skipping");
        return model;
    }

    @Test
    void printsTheCanonicalGraphAndWhatNeedsApproximation() {
        Result r = run("inspect", fmnist().toString(), "--batch", "2");
        assertThat(r.status).as(r.err).isZero();
        assertThat(r.out).contains("= Gelu(", "approximate=\"none\"", "parameters: 235146",
            "input: FLOAT32[2, 1, 28, 28]", "output: FLOAT32[2, 10]", "needs approximation under MPC:",
            "Softmax              1  (max, exponential and reciprocal)", "Sigmoid              1")
            .doesNotContain("= Erf(", "= Gemm(", "= Constant(", "= Shape(");
    }

    @Test
    void printsTheGraphOrProgramAfterEveryCompilerStage() throws Exception {
        Path model = Path.of(InspectCommandTest.class.getResource("/org/cryptorch/zoo/conv_relu_maxpool/model.onnx")
            .toURI());
        for (String stage : org.cryptorch.compile.Stage.labels()) {
            Result r = run("inspect", model.toString(), "--stage", stage);
            assertThat(r.status).as(stage + ": " + r.err).isZero();
            assertThat(r.out).as(stage).contains("stage times: approximate ", ", schedule ");
            switch (stage) {
                case "approximate" -> assertThat(r.out).contains("= Ltz(").doesNotContain("= Relu(", "= MaxPool(");
                case "size-comparisons" -> assertThat(r.out).contains("= Ltz(").doesNotContain("calibrated_range");
                case "lower" -> assertThat(r.out).contains("= ltz(", "= conv(", " instructions over ");
                case "fuse-comparison-products" -> assertThat(r.out).contains("= ltz_times(", " instructions over ");
                case "schedule" -> assertThat(r.out).contains("ltz_times x", "total: ");
                default -> assertThat(r.out).contains("= Ltz(").doesNotContain("= Relu(");
            }
        }
        Result unknown = run("inspect", model.toString(), "--stage", "fuse");
        assertThat(unknown.status).isEqualTo(1);
        assertThat(unknown.err.strip()).startsWith("cryptorch: no compiler stage named 'fuse'; stages are [approximate,");
        Result planAlone = run("inspect", model.toString(), "--profile", "crypten");
        assertThat(planAlone.status).isEqualTo(1);
        assertThat(planAlone.err.strip()).isEqualTo(
            "cryptorch: --plan and --profile choose what --stage compiles; give --stage");
    }

    @Test
    void namesTheExpectedAndGivenShapeOrTheKnownInputs() {
        Result wrongShape = run("inspect", fmnist().toString(), "--input-shape", "input=1x2x3");
        assertThat(wrongShape.status).isEqualTo(1);
        assertThat(wrongShape.err.strip()).isEqualTo(
            "cryptorch: input 'input' expects shape [?, 1, 28, 28], given [1, 2, 3]");
        Result wrongName = run("inspect", fmnist().toString(), "--input-shape", "image=1x1x28x28");
        assertThat(wrongName.err.strip()).isEqualTo("cryptorch: no graph input named 'image'; inputs are [input]");
        Result unusedBatch = run("inspect", fmnist().toString(), "--input-shape", "input=3x1x28x28", "--batch", "4");
        assertThat(unusedBatch.err.strip()).isEqualTo("cryptorch: --batch 4: no input without --input-shape has a "
            + "dynamic first dimension (inputs: input [?, 1, 28, 28])");
    }

    @Test
    void listsEveryUnsupportedOpWithNodeNamesAndOpset(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("odd.onnx");
        Files.write(model, modelWithNodes(new String[][] {
            {"FancyOp", "first", "x", "a"}, {"Relu", "ok", "a", "b"}, {"FancyOp", "second", "b", "c"},
            {"OtherOp", "third", "c", "y"}}));
        Result r = run("inspect", model.toString());
        assertThat(r.status).isEqualTo(1);
        assertThat(r.err).contains("unsupported ops (opset 14)", "FancyOp at nodes 'first', 'second'",
            "OtherOp at nodes 'third'").doesNotContain("Relu");
    }

    /** A minimal opset-14 ModelProto: input x and output y of FLOAT[1,4], nodes given as {op, name, in, out}. */
    private static byte[] modelWithNodes(String[][] nodes) throws IOException {
        ByteArrayOutputStream graph = new ByteArrayOutputStream();
        CodedOutputStream g = CodedOutputStream.newInstance(graph);
        for (String[] n : nodes) {
            g.writeByteArray(1, message(c -> {
                c.writeString(1, n[2]);
                c.writeString(2, n[3]);
                c.writeString(3, n[1]);
                c.writeString(4, n[0]);
            }));
        }
        g.writeString(2, "test");
        g.writeByteArray(11, valueInfo("x"));
        g.writeByteArray(12, valueInfo("y"));
        g.flush();
        return message(m -> {
            m.writeInt64(1, 8);
            m.writeByteArray(7, graph.toByteArray());
            m.writeByteArray(8, message(op -> op.writeInt64(2, 14)));
        });
    }

    private static byte[] valueInfo(String name) throws IOException {
        byte[] shape = message(s -> {
            s.writeByteArray(1, message(d -> d.writeInt64(1, 1)));
            s.writeByteArray(1, message(d -> d.writeInt64(1, 4)));
        });
        byte[] tensorType = message(t -> {
            t.writeInt32(1, 1);
            t.writeByteArray(2, shape);
        });
        return message(v -> {
            v.writeString(1, name);
            v.writeByteArray(2, message(t -> t.writeByteArray(1, tensorType)));
        });
    }

    private interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Fields fields) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        fields.write(out);
        out.flush();
        return bytes.toByteArray();
    }
}
