package org.cryptorch.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness against a fake backend that knows Relu (correctly) and Neg (throws), over hand-made cases. */
class ConformanceRunnerTest {
    /** Runs a single-node graph of Relu correctly; anything else it "supports" throws. */
    private static final ConformanceRunner.Backend FAKE = new ConformanceRunner.Backend() {
        @Override
        public boolean supports(Node node) {
            return Set.of("Relu", "Neg").contains(node.opType());
        }

        @Override
        public Map<String, Tensor> run(Graph graph, Map<String, Tensor> inputs) {
            Node n = graph.nodes().get(0);
            if (!n.opType().equals("Relu")) {
                throw new IllegalStateException("fake backend cannot run " + n.opType());
            }
            FloatTensor x = (FloatTensor) inputs.get(n.input(0).name());
            double[] y = x.data().clone();
            for (int i = 0; i < y.length; i++) {
                y[i] = Math.max(0, y[i]);
            }
            Map<String, Tensor> out = new LinkedHashMap<>();
            out.put(n.output(0).name(), new FloatTensor(x.shape(), y, DType.FLOAT32));
            return out;
        }
    };

    @Test
    void countsPassesFailuresAndUnsupportedCases(@TempDir Path root) throws IOException {
        double[] x = {-1, 0.5, 2};
        writeCase(root.resolve("node/test_relu"), "Relu", x, new double[] {0, 0.5, 2});
        writeCase(root.resolve("node/test_relu_off"), "Relu", x, new double[] {0, 0.5, 2.01});
        writeCase(root.resolve("node/test_relu_close"), "Relu", x, new double[] {0, 0.5, 2.0015});
        writeCase(root.resolve("node/test_neg"), "Neg", x, new double[] {1, -0.5, -2});
        writeCase(root.resolve("node/test_foo"), "Foo", x, x);
        Files.createDirectories(root.resolve("simple/broken"));
        Files.write(root.resolve("simple/broken/model.onnx"), new byte[] {8, (byte) 0x80});

        ConformanceReport r = new ConformanceRunner(FAKE, 1e-3, 1e-4).run(root);

        assertThat(r.passed()).isEqualTo(2); // exact, and 0.0015 within 1e-4 + 1e-3 * 2.0015
        assertThat(r.failed()).isEqualTo(2);
        assertThat(r.unsupported()).isEqualTo(2);
        assertThat(r.perOp()).containsEntry("Relu", new ConformanceReport.OpCounts(2, 1))
            .containsEntry("Neg", new ConformanceReport.OpCounts(0, 1)).doesNotContainKey("Foo");
        assertThat(r.unsupportedOps()).containsEntry("Foo", 1).containsEntry(ConformanceRunner.NOT_IMPORTABLE, 1);

        JsonNode json = new ObjectMapper().readTree(r.toJson());
        assertThat(json.get("passed").asInt()).isEqualTo(2);
        assertThat(json.get("per_op").get("Relu").get("failed").asInt()).isEqualTo(1);
        JsonNode fails = json.get("failures");
        assertThat(fails).hasSize(2);
        assertThat(fails.get(0).get("case").asText()).isEqualTo("node/test_neg");
        assertThat(fails.get(0).get("error").asText()).contains("fake backend cannot run Neg");
        assertThat(fails.get(1).get("case").asText()).isEqualTo("node/test_relu_off");
        assertThat(fails.get(1).get("max_error").asDouble()).isCloseTo(0.01, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void shapeMismatchIsAnInfiniteError(@TempDir Path root) throws IOException {
        writeCase(root.resolve("c"), "Relu", new double[] {1, 2}, new double[] {1, 2, 3});
        ConformanceReport r = new ConformanceRunner(FAKE, 1e-3, 1e-4).run(root);
        assertThat(r.failures()).singleElement().extracting(ConformanceReport.Failure::maxError)
            .isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(r.toJson()).contains("\"max_error\":\"inf\"");
    }

    /** A one-node model {@code y = op(x)} with one data set. */
    private static void writeCase(Path dir, String op, double[] input, double[] expected) throws IOException {
        Files.createDirectories(dir.resolve("test_data_set_0"));
        ProtoBytes node = new ProtoBytes().string(1, "x").string(2, "y").string(3, "n").string(4, op);
        ProtoBytes graph = new ProtoBytes().message(1, node)
            .message(11, new ProtoBytes().string(1, "x").message(2, new ProtoBytes().message(1,
                new ProtoBytes().varint(1, 1).message(2, new ProtoBytes().message(1,
                    new ProtoBytes().varint(1, input.length))))))
            .message(12, new ProtoBytes().string(1, "y"));
        Files.write(dir.resolve("model.onnx"), new ProtoBytes().message(8, new ProtoBytes().varint(2, 13))
            .message(7, graph).toByteArray());
        TensorFiles.write(dir.resolve("test_data_set_0/input_0.pb"), floats(input));
        TensorFiles.write(dir.resolve("test_data_set_0/output_0.pb"), floats(expected));
    }

    private static FloatTensor floats(double[] v) {
        return new FloatTensor(Shape.of(v.length), v, DType.FLOAT32);
    }
}
