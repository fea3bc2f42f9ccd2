package org.cryptorch.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cryptorch.compile.Plan;
import org.cryptorch.compile.RangeCheck;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.InvalidInputException;
import org.cryptorch.tensor.FixedPoint;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * Checks that need no secret of another party, made before any process starts or connects, so that a mistake fails
 * at once in one line naming the file and value at fault instead of after the computation (or not at all): the
 * files a run writes are distinct from every file it reads and from each other, and their folders exist and are
 * writable; input and calibration samples are finite and within the fixed-point headroom
 * ({@link FixedPoint#headroom}).
 */
final class Preflight {
    private Preflight() {
    }

    /**
     * The files this process writes ({@code --output} when it receives the output, {@code --stats} at party 0):
     * none is a file the run reads or the other written file, and each one's folder exists and is writable.
     */
    static void files(RunOptions o, boolean writesOutput, boolean writesStats) {
        Map<String, Path> reads = new LinkedHashMap<>();
        put(reads, "the model", o.model());
        reads.putAll(o.inputs().labelled("--inputs"));
        put(reads, "--plan", o.plan().planFile());
        reads.putAll(o.calib().labelled("--calib"));
        Map<String, Path> writes = new LinkedHashMap<>();
        if (writesOutput) {
            writes.putAll(o.outputs().labelled("--output"));
        }
        if (writesStats) {
            put(writes, "--stats", o.stats());
        }
        List<Map.Entry<String, Path>> seen = new ArrayList<>(reads.entrySet());
        for (Map.Entry<String, Path> w : writes.entrySet()) {
            for (Map.Entry<String, Path> other : seen) {
                if (same(w.getValue(), other.getValue())) {
                    throw new IllegalArgumentException(w.getKey() + " " + w.getValue() + " is also " + other.getKey()
                        + ": writing it would destroy that file");
                }
            }
            seen.add(w);
            Path dir = w.getValue().toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException(w.getKey() + " " + w.getValue() + ": folder " + dir
                    + " does not exist");
            }
            if (!Files.isWritable(dir)) {
                throw new IllegalArgumentException(w.getKey() + " " + w.getValue() + ": folder " + dir
                    + " is not writable");
            }
            if (Files.isDirectory(w.getValue())) {
                throw new IllegalArgumentException(w.getKey() + " " + w.getValue() + " is a folder, not a file");
            }
        }
    }

    /**
     * Samples read from {@code file}: real values must be finite and within +-{@link FixedPoint#headroom} (larger
     * ones would wrap in the ring or overflow the first product); the error names the sample and the value.
     */
    static void values(Path file, Tensor samples, int fractionalBits) {
        if (!(samples instanceof FloatTensor f)) {
            return;                               // integers (indices) are checked against their table's depth
        }
        double bound = FixedPoint.headroom(fractionalBits);
        double[] data = f.data();
        int perSample = data.length / Math.max(1, f.shape().dim(0));
        for (int i = 0; i < data.length; i++) {
            if (!(Math.abs(data[i]) <= bound)) {
                throw new InvalidInputException(file.getFileName() + ": sample " + i / perSample + ", element "
                    + i % perSample + " is " + data[i] + "; values must be finite and within +-" + (long) bound
                    + " (the fixed-point range at " + fractionalBits + " fractional bits)");
            }
        }
    }

    /**
     * The samples (of every input, by name; read from {@code source}), in batches of {@code batch} (0: the model's
     * default), keep every approximation site of the model compiled with {@code plan} inside its documented range,
     * and stay within the range of the calibration samples (the plan's or {@code calibration}'s) that size
     * comparisons ({@link RangeCheck}); the error names the source, the samples and the site or input. One float
     * inference of the samples.
     */
    static void ranges(Model model, PlanChoice plan, Calibration calibration, Map<String, ? extends Tensor> samples,
                       int batch, String source) {
        int n = Model.sampleCount(Samples.shapes(samples));
        int size = model.batchSize(batch, n);
        Map<Map<String, Shape>, Graph> canonical = new HashMap<>();
        Map<Map<String, Shape>, Plan> plans = new HashMap<>();
        for (int start = 0; start < n; start += size) {
            Map<String, Tensor> slice = Samples.slice(samples, start, Math.min(n, start + size));
            Map<String, Shape> shapes = Samples.shapes(slice);
            Graph g = canonical.computeIfAbsent(shapes, model::canonical);
            Plan p = plans.computeIfAbsent(shapes, s -> plan.resolve(g)
                .withCalibratedInputs(calibration.largestMagnitudes()));
            try {
                RangeCheck.check(g, p, slice);
            } catch (InvalidInputException e) {
                throw new InvalidInputException(source + ": samples " + start + "-"
                    + (start + Model.sampleCount(shapes) - 1) + ": " + e.getMessage(), e);
            }
        }
    }

    private static void put(Map<String, Path> m, String what, Path p) {
        if (p != null) {
            m.put(what, p);
        }
    }

    /** Whether two paths name one file (also through links, when both exist). */
    private static boolean same(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (java.io.IOException e) {
            // fall back to comparing the names
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
}
