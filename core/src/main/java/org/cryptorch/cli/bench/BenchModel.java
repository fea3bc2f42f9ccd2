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
 * A model to benchmark with its approximations (a profile or a plan), its input ({@code NAME_input.npy} beside
 * {@code NAME.onnx}), its reference output ({@code NAME_output.npy}, e.g. PyTorch's, if present), its class labels
 * ({@code NAME_labels.npy}, if present) and the program the parties will run on one batch, whose rounds, bytes and
 * work the cost model prices.
 *
 * @param name the model's file name without {@code .onnx}, followed by the plan's when there are several
 */
public record BenchModel(String name, Path onnx, PlanChoice plan, Path input, Path reference, Path labels,
                         Program program, int batches) {
    static BenchModel load(Path onnx, PlanChoice plan, boolean nameThePlan) {
        String file = onnx.getFileName().toString();
        String stem = file.endsWith(".onnx") ? file.substring(0, file.length() - 5) : file;
        String name = nameThePlan ? stem + " [" + label(plan) + "]" : stem;
        Path input = onnx.resolveSibling(stem + "_input.npy");
        if (!Files.isRegularFile(input)) {
            throw new IllegalArgumentException("no input for " + onnx + ": expected " + input);
        }
        Path reference = onnx.resolveSibling(stem + "_output.npy");
        Path labels = onnx.resolveSibling(stem + "_labels.npy");
        Model model = CrypTorch.load(onnx);
        Tensor x = CrypTorch.readSamples(input);
        model.checkSamples(model.onlyInput(x), 0);
        int samples = x.shape().dim(0);
        int batch = model.batchSize(0, samples);
        int[] dims = x.shape().dims();
        dims[0] = batch;
        Program program = CrypTorch.compile(model, Shape.of(dims), plan, Ownership.defaults()).program();
        return new BenchModel(name, onnx, plan, input, Files.isRegularFile(reference) ? reference : null,
            Files.isRegularFile(labels) ? labels : null, program, (samples + batch - 1) / batch);
    }

    /** The profile's name or the plan file's name without {@code .json}. */
    private static String label(PlanChoice plan) {
        if (plan.planFile() == null) {
            return plan.profile();
        }
        String f = plan.planFile().getFileName().toString();
        return f.endsWith(".json") ? f.substring(0, f.length() - 5) : f;
    }
}
