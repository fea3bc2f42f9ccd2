package org.cryptorch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cryptorch.compile.Ownership;
import org.cryptorch.onnx.TensorFiles;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the Java API example of README.md (the body of {@link #readmeExample} is the README's snippet, line for line;
 * a test checks that) on the demo model, and checks what it computes.
 */
class ReadmeExampleTest {
    private static final Path SOURCE = Path.of("src/test/java/org/cryptorch/api/ReadmeExampleTest.java");

    record Results(FloatTensor simulated, RunStats stats, Executable crypten) {
    }

    /** {@code dir} holds model.onnx and x.npy. */
    static Results readmeExample(Path dir) throws Exception {
        // README example start
        Model model = CrypTorch.load(dir.resolve("model.onnx"));
        Tensor x = CrypTorch.readSamples(dir.resolve("x.npy"));

        // Compile for one input shape with a profile (or PlanChoice.plan(Path.of("plan.json"))).
        Executable program = CrypTorch.compile(model, x.shape(), PlanChoice.profile("crypten"), Ownership.defaults());
        System.out.println("predicted: " + program.program().cost());

        // Fixed-point simulation in this process (the plain backend).
        FloatTensor simulated = CrypTorch.simulate(model, x, PlanChoice.profile("default"), 0);

        // Private inference: two party processes and a dealer process on this machine, TLS on.
        RunOptions options = RunOptions.of(dir.resolve("model.onnx"), dir.resolve("x.npy"),
            dir.resolve("y.npy")).withBatch(4).withStats(dir.resolve("stats.json"));
        RunStats stats = CrypTorch.runLocal(options, Progress.NONE);
        System.out.println(stats.onlineSeconds() + " s online, " + stats.rounds() + " rounds");

        // A model with several inputs or outputs takes them by name: CrypTorch.simulate(model, Map.of("input_ids", ids,
        // "attention_mask", mask), plan, 0, Calibration.NONE, Progress.NONE) returns the outputs by name, and
        // RunOptions.of(modelFile, NamedFiles.of(Map.of("input_ids", idsFile, ...)),
        //     NamedFiles.of(Map.of("logits", outFile))).

        // On separate hosts, each process runs its part of the deployment in cluster.yaml:
        //   CrypTorch.runDealer(ClusterConfig.load(Path.of("cluster.yaml")));
        //   CrypTorch.runParty(ClusterConfig.load(Path.of("cluster.yaml")), 0, options, Progress.NONE);
        // README example end
        return new Results(simulated, stats, program);
    }

    @Test
    @Timeout(60)
    void theReadmeExampleRunsAndThePrivateOutputsMatchTheSimulation(@TempDir Path dir) throws Exception {
        DemoFiles.write(dir, 4);
        Results r = readmeExample(dir);
        FloatTensor y = (FloatTensor) TensorFiles.read(dir.resolve("y.npy"));
        assertThat(y.shape()).isEqualTo(Shape.of(4, 10));
        double[] a = y.data();
        double[] b = r.simulated().data();
        for (int i = 0; i < a.length; i++) {
            // The parties truncate probabilistically: off by a few units in the last place (2^-16) per layer.
            assertThat(a[i]).as("output %d", i).isCloseTo(b[i], org.assertj.core.data.Offset.offset(1e-2));
        }
        JsonNode stats = new ObjectMapper().readTree(dir.resolve("stats.json").toFile());
        assertThat(stats.fieldNames()).toIterable().contains("online_seconds", "offline_seconds", "rounds",
            "bytes_per_party", "offline_bytes", "per_op");
        assertThat(stats.path("rounds").asLong()).isEqualTo(r.stats().rounds()).isPositive();
        JsonNode op = stats.path("per_op").get(0);
        assertThat(op.fieldNames()).toIterable().containsExactly("op", "site", "rounds", "bytes", "seconds");
        long perOpRounds = 0;
        for (JsonNode o : stats.path("per_op")) {
            perOpRounds += o.path("rounds").asLong();
        }
        assertThat(perOpRounds).isEqualTo(stats.path("rounds").asLong());
        assertThat(r.crypten().program().cost().rounds()).isPositive();
    }

    @Test
    void theReadmeShowsExactlyThisExample() throws Exception {
        List<String> source = Files.readAllLines(SOURCE);
        List<String> example = source.subList(source.indexOf("        // README example start") + 1,
            source.indexOf("        // README example end")).stream().map(String::strip).toList();
        String readme = Files.readString(Path.of("../README.md"));
        String block = readme.substring(readme.indexOf("```java"), readme.indexOf("```", readme.indexOf("```java") + 3));
        List<String> shown = block.lines().skip(1).map(String::strip).toList();
        assertThat(shown).containsExactlyElementsOf(example);
    }
}
