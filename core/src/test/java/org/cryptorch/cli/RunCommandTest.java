package org.cryptorch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.cryptorch.api.DemoFiles;
import org.cryptorch.onnx.OnnxReader;
import org.cryptorch.onnx.TensorFiles;
import org.cryptorch.reference.FloatInterpreter;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} (three processes) and {@code simulate} on the demo model, checked against each other and float. */
class RunCommandTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(180) // about 15 s alone; 52-60 s with five suites sharing 2 cores
    void runMatchesSimulateWhichMatchesFloatInBatchesOfUnevenSize() throws Exception {
        DemoFiles.write(dir, 5);
        String model = dir.resolve("model.onnx").toString();
        String x = dir.resolve("x.npy").toString();
        CliRun sim = CliRun.of("simulate", model, "--inputs", x, "--output", dir.resolve("sim.npy").toString(),
            "--batch", "3", "--quiet");
        assertThat(sim.status()).as(sim.err()).isZero();
        CliRun run = CliRun.of("run", model, "--inputs", x, "--output", dir.resolve("y.npy").toString(), "--batch",
            "3", "--stats", dir.resolve("s.json").toString(), "--quiet");
        assertThat(run.status()).as(run.err()).isZero();

        FloatTensor simulated = (FloatTensor) TensorFiles.read(dir.resolve("sim.npy"));
        FloatTensor y = (FloatTensor) TensorFiles.read(dir.resolve("y.npy"));
        FloatTensor input = (FloatTensor) TensorFiles.read(dir.resolve("x.npy"));
        FloatTensor reference = (FloatTensor) FloatInterpreter.run(OnnxReader.read(dir.resolve("model.onnx")),
            Map.of("input", input)).values().iterator().next();
        assertThat(y.shape()).isEqualTo(Shape.of(5, 10));
        for (int i = 0; i < y.size(); i++) {
            assertThat(y.data()[i]).as("private vs simulated %d", i).isCloseTo(simulated.data()[i], offset(1e-2));
            assertThat(simulated.data()[i]).as("simulated vs float %d", i).isCloseTo(reference.data()[i],
                offset(5e-2));
        }

        JsonNode stats = new ObjectMapper().readTree(dir.resolve("s.json").toFile());
        assertThat(stats.path("online_seconds").asDouble()).isPositive();
        assertThat(stats.path("offline_seconds").asDouble()).isPositive();
        assertThat(stats.path("rounds").asLong()).isPositive();
        assertThat(stats.path("bytes_per_party").asLong()).isPositive();
        assertThat(stats.path("offline_bytes").asLong()).isPositive();
        assertThat(stats.path("per_op").size()).isPositive();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                .as("no temporary files left").containsExactlyInAnyOrder("model.onnx", "x.npy", "sim.npy", "y.npy",
                    "s.json");
        }
    }
}
