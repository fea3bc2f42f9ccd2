package org.cryptorch.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.cryptorch.compile.Plan;
import org.cryptorch.compile.RangeCheck;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * Public calibration samples (first axis = samples, e.g. a calibration set the model owner publishes) from which
 * the compiler chooses comparison widths when the plan does not fix them. The party holding the model reads it and
 * sends the widths it chose to the other party within its plan. Never the private inputs: the widths are visible to
 * both parties.
 */
public final class Calibration {
    /** At most this many samples are used (the first ones), which bounds the float evaluation at compile time. */
    public static final int MAX_SAMPLES = 64;
    /** No calibration: comparisons the plan does not fix are compiled at the full ring width. */
    public static final Calibration NONE = new Calibration(null);

    private final Tensor samples;

    private Calibration(Tensor samples) {
        this.samples = samples;
    }

    /** Reads {@code file} (null: {@link #NONE}) and checks its values and feature shape against {@code model}. */
    public static Calibration read(Path file, Model model) {
        if (file == null) {
            return NONE;
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("calibration file " + file + " does not exist");
        }
        Tensor all = CrypTorch.readSamples(file);
        try {
            model.checkSamples(all, 1);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("calibration file " + file.getFileName() + ": " + e.getMessage(), e);
        }
        int n = Math.min(MAX_SAMPLES, all.shape().dim(0));
        return new Calibration(Samples.slice(all, 0, n));
    }

    /**
     * The largest magnitude of the real input {@code inputName} among the samples (see
     * {@link Plan#calibratedInputs}); empty without calibration.
     */
    Map<String, Double> largestMagnitudes(String inputName) {
        return samples == null ? Map.of() : RangeCheck.largestMagnitudes(List.of(Map.of(inputName, samples)));
    }

    /**
     * The calibration inputs for a program compiled for {@code inputShape}: the samples in batches of that shape
     * (the last batch filled up by cycling through them), or null without calibration.
     */
    List<Map<String, Tensor>> inputs(String inputName, Shape inputShape) {
        if (samples == null) {
            return null;
        }
        int[] features = Arrays.copyOfRange(inputShape.dims(), 1, inputShape.rank());
        int[] mine = Arrays.copyOfRange(samples.shape().dims(), 1, samples.shape().rank());
        if (!Arrays.equals(features, mine)) {
            throw new IllegalArgumentException("calibration samples have shape " + Model.describe(mine)
                + " per sample, the inputs " + Model.describe(features));
        }
        int n = samples.shape().dim(0);
        int batch = inputShape.dim(0);
        List<Map<String, Tensor>> out = new ArrayList<>();
        for (int start = 0; start < n; start += batch) {
            List<Tensor> rows = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                int k = (start + i) % n;
                rows.add(Samples.slice(samples, k, k + 1));
            }
            out.add(Map.of(inputName, Samples.concat(rows)));
        }
        return out;
    }
}
