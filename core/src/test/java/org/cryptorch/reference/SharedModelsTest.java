package org.cryptorch.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.ShapeInference;
import org.cryptorch.onnx.OnnxReader;
import org.cryptorch.onnx.TensorFiles;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The project's workloads (../shared/models): the float interpreter reproduces PyTorch's outputs. */
class SharedModelsTest {
    private static final Path MODELS = Path.of("/work/shared/models");

    @ParameterizedTest
    @CsvSource({
        "fmnist_mlp/model.onnx, fmnist_mlp/inputs.npy, fmnist_mlp/ref.npy",
        "digits_vit/model.onnx, digits_vit/inputs.npy, digits_vit/ref.npy",
        "bench/mnist_cnn.onnx, bench/mnist_cnn_input.npy, bench/mnist_cnn_output.npy",
        "bench/bert_tiny.onnx, bench/bert_tiny_input.npy, bench/bert_tiny_output.npy",
        "bench/bert_mini.onnx, bench/bert_mini_input.npy, bench/bert_mini_output.npy",
    })
    void matchesPyTorchWithin1e4(String model, String input, String expected) {
        assumeTrue(Files.exists(MODELS.resolve(model)), "shared models not present");
        Graph g = OnnxReader.read(MODELS.resolve(model));
        Tensor x = TensorFiles.read(MODELS.resolve(input));
        String inputName = g.inputs().get(0).name();
        new ShapeInference(Ops.evaluator()).infer(g, Map.of(inputName, x.shape()));
        FloatTensor ref = (FloatTensor) TensorFiles.read(MODELS.resolve(expected));
        assertThat(g.outputs().get(0).shape()).isEqualTo(ref.shape());

        FloatTensor y = (FloatTensor) FloatInterpreter.run(g, Map.of(inputName, x)).values().iterator().next();
        assertThat(y.shape()).isEqualTo(ref.shape());
        double worst = 0;
        for (int i = 0; i < y.size(); i++) {
            worst = Math.max(worst, Math.abs(y.data()[i] - ref.data()[i]));
        }
        System.out.printf("%s: max abs error %.3g over %d outputs%n", model, worst, y.size());
        assertThat(worst).isLessThanOrEqualTo(1e-4);
    }
}
