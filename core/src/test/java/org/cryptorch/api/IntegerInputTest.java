package org.cryptorch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.cryptorch.onnx.OnnxReader;
import org.cryptorch.onnx.TensorFiles;
import org.cryptorch.reference.FloatInterpreter;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model whose input is token indices (embedding lookup; scripts/make_embedding_test_model.py): simulated, and run
 * by both parties and the dealer of a cluster file in this JVM, in batches of uneven size.
 */
class IntegerInputTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void tokenIndicesRunPrivatelyAndInSimulationLikeFloat() throws Exception {
        Path modelFile = dir.resolve("embedding.onnx");
        try (InputStream in = getClass().getResourceAsStream("embedding.onnx")) {
            Files.copy(in, modelFile);
        }
        LongTensor ids = LongTensor.of(Shape.of(5, 3), 0, 1, 2, 9, 8, 7, 3, 3, 3, 5, 0, 9, 4, 6, 1);
        TensorFiles.write(dir.resolve("ids.npy"), ids);
        FloatTensor reference = (FloatTensor) FloatInterpreter.run(OnnxReader.read(modelFile), Map.of("ids", ids))
            .get("logits");

        Model model = CrypTorch.load(modelFile);
        FloatTensor simulated = CrypTorch.simulate(model, ids, PlanChoice.profile("default"), 2);
        assertClose(simulated, reference);

        ClusterConfig cluster = InJvmCluster.plaintext(dir);
        RunOptions options = RunOptions.of(modelFile, dir.resolve("ids.npy"), dir.resolve("y.npy")).withBatch(2);
        RunStats stats = InJvmCluster.run(cluster, options, options);
        assertClose((FloatTensor) TensorFiles.read(dir.resolve("y.npy")), reference);
        assertThat(stats.rounds()).isPositive();
    }

    private static void assertClose(FloatTensor actual, FloatTensor expected) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        for (int i = 0; i < actual.size(); i++) {
            assertThat(actual.data()[i]).as("element %d", i).isCloseTo(expected.data()[i], offset(1e-3));
        }
    }
}
