package org.cryptorch.cli;

import org.cryptorch.testdata.TestData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cryptorch.onnx.ConformanceReport;
import org.cryptorch.onnx.ConformanceRunner;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code cryptorch conformance} over Debian's libonnx-testdata (installed by .ci/run; skipped when absent): at
 * least 95% of the supported cases pass, and every supported case of the core ops passes.
 */
class ConformanceCommandTest {
    private static final Path DATA = TestData.LIBONNX;
    private static final List<String> SUITES = List.of("node", "pytorch-converted", "pytorch-operator", "simple");
    private static final List<String> MUST_PASS = List.of("Softmax", "LogSoftmax", "LayerNormalization", "Erf",
        "Exp", "Sigmoid", "Tanh", "MatMul", "Gemm", "Conv", "MaxPool", "AveragePool", "Relu", "Reshape",
        "Transpose");

    @Test
    void commandPrintsOneJsonObject() throws Exception {
        Path suite = DATA.resolve("pytorch-operator");
        assumeTrue(Files.isDirectory(suite), "libonnx-testdata not installed; skipping");
        StringWriter out = new StringWriter();
        int status = new CommandLine(new Main()).setOut(new PrintWriter(out))
            .execute("conformance", suite.toString(), "--rtol", "1e-3", "--atol", "1e-4");

        assertThat(status).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("passed").asInt() + json.get("failed").asInt() + json.get("unsupported").asInt())
            .isEqualTo(35);
        assertThat(json.has("per_op")).isTrue();
        assertThat(json.get("failures").isArray()).isTrue();
    }

    @Test
    void installedBackendTestDataPasses() {
        assumeTrue(Files.isDirectory(DATA), "libonnx-testdata not installed; skipping");
        ConformanceRunner runner = new ConformanceRunner(ConformanceCommand.REFERENCE, 1e-3, 1e-4);
        int passed = 0;
        int failed = 0;
        Map<String, int[]> perOp = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (String suite : SUITES) {
            ConformanceReport r = runner.run(DATA.resolve(suite));
            System.out.println("conformance " + suite + ": " + r.toJson());
            passed += r.passed();
            failed += r.failed();
            r.perOp().forEach((op, c) -> {
                int[] t = perOp.computeIfAbsent(op, k -> new int[2]);
                t[0] += c.passed();
                t[1] += c.failed();
            });
            r.failures().forEach(f -> failures.add(suite + "/" + f.caseName()));
        }
        System.out.printf("conformance total: passed %d, failed %d (%.1f%%)%n", passed, failed,
            100.0 * passed / (passed + failed));

        assertThat((double) passed / (passed + failed)).as("pass rate of supported cases; failures: %s", failures)
            .isGreaterThanOrEqualTo(0.95);
        for (String op : MUST_PASS) {
            int[] counts = perOp.getOrDefault(op, new int[2]);
            assertThat(counts[0]).as("cases run for %s", op).isPositive();
            assertThat(counts[1]).as("failing cases containing %s among %s", op, failures).isZero();
        }
    }
}
