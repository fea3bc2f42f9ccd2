package org.cryptorch.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.cryptorch.api.CrypTorch;
import org.cryptorch.api.Model;
import org.cryptorch.api.PlanChoice;
import org.cryptorch.compile.Ownership;
import org.cryptorch.compile.Program;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * A model to benchmark with its input ({@code NAME_input.npy} beside {@code NAME.onnx}), its reference output
 * ({@code NAME_output.npy}, e.g. PyTorch's, if present) and the program the parties will run on one batch, whose
 * rounds, bytes and work the cost model prices.
 */
record BenchModel(String name, Path onnx, Path input, Path reference, Program program, int batches) {
    static BenchModel load(Path onnx, PlanChoice plan) {
        String file = onnx.getFileName().toString();
        String name = file.endsWith(".onnx") ? file.substring(0, file.length() - 5) : file;
        Path input = onnx.resolveSibling(name + "_input.npy");
        if (!Files.isRegularFile(input)) {
            throw new IllegalArgumentException("no input for " + onnx + ": expected " + input);
        }
        Path reference = onnx.resolveSibling(name + "_output.npy");
        Model model = CrypTorch.load(onnx);
        Tensor x = CrypTorch.readSamples(input);
        model.checkSamples(x, 0);
        int samples = x.shape().dim(0);
        int batch = model.batchSize(0, samples);
        int[] dims = x.shape().dims();
        dims[0] = batch;
        Program program = CrypTorch.compile(model, Shape.of(dims), plan, Ownership.defaults()).program();
        return new BenchModel(name, onnx, input, Files.isRegularFile(reference) ? reference : null, program,
            (samples + batch - 1) / batch);
    }
}
