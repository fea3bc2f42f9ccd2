package org.cryptorch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

        Path yaml = Files.writeString(dir.resolve("cluster.yaml"), "tls: false\ntimeout_seconds: 30\n"
            + "dealer: {host: 127.0.0.1, port: " + freePort() + "}\nparty1: {host: 127.0.0.1, port: " + freePort()
            + "}\nparty0: {host: 127.0.0.1}\n");
        ClusterConfig cluster = ClusterConfig.load(yaml);
        RunOptions options = RunOptions.of(modelFile, dir.resolve("ids.npy"), dir.resolve("y.npy")).withBatch(2);
        // Own threads: the common pool may have a single worker on a small machine, and these block each other.
        ExecutorService threads = Executors.newFixedThreadPool(2);
        RunStats stats;
        try {
            Future<?> dealer = threads.submit(() -> CrypTorch.runDealer(cluster));
            Future<RunStats> party1 = threads.submit(() -> party(cluster, 1, options));
            stats = party(cluster, 0, options);
            party1.get();
            dealer.get();
        } finally {
            threads.shutdownNow();
        }
        assertClose((FloatTensor) TensorFiles.read(dir.resolve("y.npy")), reference);
        assertThat(stats.rounds()).isPositive();
    }

    private static RunStats party(ClusterConfig cluster, int id, RunOptions options) {
        try {
            return CrypTorch.runParty(cluster, id, options, Progress.NONE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertClose(FloatTensor actual, FloatTensor expected) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        for (int i = 0; i < actual.size(); i++) {
            assertThat(actual.data()[i]).as("element %d", i).isCloseTo(expected.data()[i], offset(1e-3));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
