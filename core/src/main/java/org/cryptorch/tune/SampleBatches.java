package org.cryptorch.tune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.cryptorch.ir.ShapeInference;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * Calibration or held-out samples cut into the batches a model takes. A model whose input declares a fixed first
 * dimension d (BERT exported for one sequence: [1, 128, 256]) has shapes baked into its Reshape nodes, so it can only
 * be compiled for d samples at a time: the samples run d at a time and their outputs are joined again. A model with
 * a dynamic first dimension takes all samples as one batch.
 */
final class SampleBatches {
    private final List<Tensor> batches;

    private SampleBatches(List<Tensor> batches) {
        this.batches = List.copyOf(batches);
    }

    /** @param declaredDims the model input's declared dimensions (negative = dynamic), or null when unknown */
    static SampleBatches of(Tensor samples, int[] declaredDims, String what) {
        int n = samples.shape().dim(0);
        int fixed = ShapeInference.fixedFirstDim(declaredDims);
        int batch = fixed > 0 ? fixed : n;
        if (n % batch != 0) {
            throw new IllegalArgumentException(what + " has " + n + " samples but the model takes fixed batches of "
                + batch + " (input shape " + Arrays.toString(declaredDims) + "): give a multiple of " + batch);
        }
        List<Tensor> out = new ArrayList<>();
        for (int start = 0; start < n; start += batch) {
            out.add(batch == n ? samples : Tensor.samples(samples, start, start + batch));
        }
        return new SampleBatches(out);
    }

    /** The shape each batch has: what the program is compiled for. */
    Shape batchShape() {
        return batches.get(0).shape();
    }

    /** The batches as interpreter inputs of {@code input}. */
    List<Map<String, Tensor>> inputs(String input) {
        return batches.stream().<Map<String, Tensor>>map(b -> Map.of(input, b)).toList();
    }

    /**
     * How many leading batches hold at least {@code wanted} samples: at least one batch when there is any, all of
     * them when together they hold fewer.
     */
    static int leadingHolding(List<Map<String, Tensor>> batches, int wanted) {
        int k = 0;
        while (k < batches.size() && (k == 0 || samples(batches, k) < wanted)) {
            k++;
        }
        return k;
    }

    /** Samples in the first {@code n} batches (the first axis of each batch's input). */
    static int samples(List<Map<String, Tensor>> batches, int n) {
        int s = 0;
        for (Map<String, Tensor> b : batches.subList(0, n)) {
            s += b.values().iterator().next().shape().dim(0);
        }
        return s;
    }

    /** {@code run} applied to every batch, the outputs joined along the first axis in sample order. */
    static FloatTensor joined(List<Map<String, Tensor>> inputs, Function<Map<String, Tensor>, FloatTensor> run) {
        List<FloatTensor> outs = inputs.stream().map(run).toList();
        return outs.size() == 1 ? outs.get(0) : FloatTensor.concat(0, outs);
    }
}
