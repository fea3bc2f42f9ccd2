package org.cryptorch.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
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

    /** Samples of every input, by name; null for {@link #NONE}. */
    private final Map<String, Tensor> samples;

    private Calibration(Map<String, Tensor> samples) {
        this.samples = samples;
    }

    /**
     * Reads {@code files} (one per input name, or one for a model's only input; none: {@link #NONE}) and checks
     * their values and feature shapes against {@code model}.
     */
    public static Calibration read(NamedFiles files, Model model) {
        if (files.isEmpty()) {
            return NONE;
        }
        Map<String, Path> byInput = files.resolve("--calib", "input", model.name(), model.inputNames(),
            model.inputNames());
        Map<String, Tensor> all = new LinkedHashMap<>();
        byInput.forEach((name, file) -> {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("calibration file " + file + " does not exist");
            }
            all.put(name, CrypTorch.readSamples(file));
        });
        try {
            model.checkSamples(all, 1);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("calibration file " + NamedFiles.describe(byInput) + ": "
                + e.getMessage(), e);
        }
        int n = Math.min(MAX_SAMPLES, Model.sampleCount(Samples.shapes(all)));
        return new Calibration(Samples.slice(all, 0, n));
    }

    /** Reads one calibration file for a model's only input (null: {@link #NONE}). */
    public static Calibration read(Path file, Model model) {
        return read(NamedFiles.of(file), model);
    }

    /**
     * The largest magnitude of each real input among the samples (see {@link Plan#calibratedInputs}); empty without
     * calibration.
     */
    Map<String, Double> largestMagnitudes() {
        return samples == null ? Map.of() : RangeCheck.largestMagnitudes(List.of(samples));
    }

    /**
     * The calibration inputs for a program compiled for one batch of {@code inputShapes} (its secret inputs): the
     * samples in batches of that shape (the last batch filled up by cycling through them), or null without
     * calibration.
     */
    List<Map<String, Tensor>> inputs(Map<String, Shape> inputShapes) {
        if (samples == null) {
            return null;
        }
        inputShapes.forEach((name, shape) -> {
            int[] features = Arrays.copyOfRange(shape.dims(), 1, shape.rank());
            Shape own = samples.get(name).shape();
            int[] mine = Arrays.copyOfRange(own.dims(), 1, own.rank());
            if (!Arrays.equals(features, mine)) {
                throw new IllegalArgumentException("calibration samples of input '" + name + "' have shape "
                    + Model.describe(mine) + " per sample, the inputs " + Model.describe(features));
            }
        });
        int n = Model.sampleCount(Samples.shapes(samples));
        int batch = Model.sampleCount(inputShapes);
        List<Map<String, Tensor>> out = new ArrayList<>();
        for (int start = 0; start < n; start += batch) {
            Map<String, Tensor> one = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> e : samples.entrySet()) {
                if (!inputShapes.containsKey(e.getKey())) {
                    continue;                     // a public input: a constant of this program
                }
                List<Tensor> rows = new ArrayList<>();
                for (int i = 0; i < batch; i++) {
                    int k = (start + i) % n;
                    rows.add(Samples.slice(e.getValue(), k, k + 1));
                }
                one.put(e.getKey(), Samples.concat(rows));
            }
            out.add(one);
        }
        return out;
    }
}
