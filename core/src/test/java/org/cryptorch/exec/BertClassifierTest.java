package org.cryptorch.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cryptorch.approx.Profile;
import org.cryptorch.compile.CompileOptions;
import org.cryptorch.compile.Compiler;
import org.cryptorch.compile.Plan;
import org.cryptorch.compile.Program;
import org.cryptorch.ir.Graph;
import org.cryptorch.onnx.OnnxReader;
import org.cryptorch.onnx.TensorFiles;
import org.cryptorch.passes.Canonicalizer;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A BERT sequence classifier as PyTorch exports it ({@code scripts/export_bert_classifier.py --ci}): token ids and
 * the attention mask are party 0's secret inputs, two sequences of which the second ends in padding. Two parties
 * agree with PyTorch's logits to 1e-2.
 */
class BertClassifierTest {
    @Test
    void runsPrivatelyAndAgreesWithPyTorch() throws URISyntaxException {
        Path dir = Path.of(BertClassifierTest.class.getResource("/org/cryptorch/bert").toURI());
        Map<String, Tensor> inputs = Map.of("input_ids", TensorFiles.read(dir.resolve("input_ids.npy")),
            "attention_mask", TensorFiles.read(dir.resolve("attention_mask.npy")));
        FloatTensor expected = (FloatTensor) TensorFiles.read(dir.resolve("logits.npy"));
        Map<String, Shape> shapes = Map.of("input_ids", inputs.get("input_ids").shape(), "attention_mask",
            inputs.get("attention_mask").shape());
        Graph g = Canonicalizer.canonicalize(OnnxReader.read(dir.resolve("model.onnx")), shapes);
        Program p = Compiler.compile(g, shapes, Plan.fromProfile(g, Profile.named(Profile.DEFAULT)),
            CompileOptions.defaults(), List.of(inputs));
        TwoPartyRun.Outcome o = MpcBackendTest.checkAgainstPlain(p, inputs, "bert classifier");
        FloatTensor got = o.party0().outputs().values().iterator().next();
        double err = PlainBackendTest.maxAbsDiff(got, expected);
        System.out.printf("bert classifier: max |mpc - pytorch| = %.5f%n", err);
        assertThat(err).isLessThanOrEqualTo(1e-2);
    }
}
