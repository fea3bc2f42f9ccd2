package org.cryptorch.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.cryptorch.onnx.TensorFiles;
import org.cryptorch.tensor.FloatTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BERT sequence classifier as PyTorch exports it ({@code scripts/export_bert_classifier.py --ci}: vocabulary
 * 1000, hidden 64, 2 layers, two sequences of 16 tokens, the second ending in padding), run privately as
 * {@code cryptorch party} runs it: both parties and the dealer of a cluster file (in this JVM), the token ids and the
 * attention mask party 0's inputs, one file per input name; the mask secret, or public (both parties learn it).
 * Its logits agree with PyTorch's within 1e-2.
 */
class BertClassifierRunTest {
    @TempDir
    Path out;

    @Test
    @Timeout(180)
    void tokenIdsAndASecretMaskGivePyTorchsLogits() throws Exception {
        assertThat(run(Set.of(), "secret mask")).isLessThanOrEqualTo(1e-2);
    }

    /** With {@code --public-input attention_mask} party 1 learns the mask, which the program selects with. */
    @Test
    @Timeout(180)
    void aPublicMaskGivesPyTorchsLogits() throws Exception {
        assertThat(run(Set.of("attention_mask"), "public mask")).isLessThanOrEqualTo(1e-2);
    }

    /** Runs the classifier privately; returns the max abs error of its logits against PyTorch's. */
    private double run(Set<String> publicInputs, String what) throws Exception {
        Path dir = Path.of(BertClassifierRunTest.class.getResource("/org/cryptorch/bert").toURI());
        Map<String, Path> inputs = new LinkedHashMap<>();
        inputs.put("input_ids", dir.resolve("input_ids.npy"));
        inputs.put("attention_mask", dir.resolve("attention_mask.npy"));
        RunOptions options = RunOptions.of(dir.resolve("model.onnx"), NamedFiles.of(inputs),
            NamedFiles.of(Map.of("logits", out.resolve("logits.npy")))).withPublicInputs(publicInputs);
        RunStats stats = InJvmCluster.run(InJvmCluster.plaintext(out), options, options);
        double err = maxAbsDiff((FloatTensor) TensorFiles.read(out.resolve("logits.npy")),
            (FloatTensor) TensorFiles.read(dir.resolve("logits.npy")));
        System.out.printf("bert classifier, %s: max |private - pytorch| = %.2g; %d rounds, %.2f MB per party%n",
            what, err, stats.rounds(), stats.bytesPerParty() / 1e6);
        return err;
    }

    private static double maxAbsDiff(FloatTensor a, FloatTensor b) {
        assertThat(a.shape()).isEqualTo(b.shape());
        double max = 0;
        for (int i = 0; i < a.size(); i++) {
            max = Math.max(max, Math.abs(a.data()[i] - b.data()[i]));
        }
        return max;
    }
}
