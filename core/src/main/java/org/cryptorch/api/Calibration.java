package org.cryptorch.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * Public calibration samples (first axis = samples, e.g. a calibration set the model owner publishes) from which
 * the compiler chooses comparison widths when the plan does not fix them. Both parties read the same file and so
 * compile the same program; its content hash is part of the settings they compare. Never the private inputs: the
 * widths are visible to both parties.
 */
public final class Calibration {
    /** At most this many samples are used (the first ones), which bounds the float evaluation at compile time. */
    public static final int MAX_SAMPLES = 64;
    /** No calibration: comparisons the plan does not fix are compiled at the full ring width. */
    public static final Calibration NONE = new Calibration(null, "none");

    private final Tensor samples;
    private final String hash;

    private Calibration(Tensor samples, String hash) {
        this.samples = samples;
        this.hash = hash;
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
        return new Calibration(Samples.slice(all, 0, n), sha256(file));
    }

    /** A short content hash of the file ({@code none} without calibration), for the parties' settings check. */
    public String hash() {
        return hash;
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

    private static String sha256(Path file) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read calibration file " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
