package org.cryptorch.tune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.cryptorch.approx.Approximation;
import org.cryptorch.approx.Knob;
import org.cryptorch.compile.FloatPass;
import org.cryptorch.ir.Graph;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Tensor;

/**
 * Public offsets for softmax sites, from calibration: a softmax that subtracts a public offset instead of its row
 * maximum needs no comparisons (a 128-wide row's comparison tree takes 7 comparison rounds). It is exact while every
 * row's maximum lies a few units below the offset, but rows spread wider than that in practice (digits_vit's
 * attention rows have maxima from -6 to 11), and which offset loses least is an empirical question: each site gets
 * candidates at the median, 90th and 99th percentile and the maximum of its rows' maxima (along the last axis) on
 * the calibration samples, rounded up, and the search scores them in fixed point on every sample like any other.
 */
final class SoftmaxOffsets {
    static final String SHIFT = "shift";
    static final String OFFSET_CHOICE = "offset";
    static final String OFFSET = "offset";
    private static final double[] QUANTILES = {0.5, 0.9, 0.99, 1.0};

    private SoftmaxOffsets() {
    }

    /** Whether {@code a} can subtract a public offset instead of a computed maximum (knobs shift and offset). */
    static boolean applies(Approximation a) {
        boolean shift = false;
        boolean offset = false;
        for (Knob k : a.knobs()) {
            shift |= k.name().equals(SHIFT) && k.kind() == Knob.Kind.CHOICE && k.options().contains(OFFSET_CHOICE);
            offset |= k.name().equals(OFFSET) && k.kind() == Knob.Kind.INTEGER;
        }
        return shift && offset;
    }

    /** The maxima of the rows (along the last axis) of the first input of each of {@code sites} on {@code samples}. */
    static Map<String, double[]> rowMaxima(Graph g, List<Map<String, Tensor>> samples, Set<String> sites) {
        Map<String, List<double[]>> parts = new HashMap<>();
        FloatPass.run(g, samples, (n, args) -> {
            if (sites.contains(n.name()) && args.get(0) instanceof FloatTensor x && x.shape().rank() > 0
                && x.size() > 0) {
                int last = x.shape().rank() - 1;
                parts.computeIfAbsent(n.name(), k -> new ArrayList<>()).add(x.max(new int[] {last}, false).data());
            }
        });
        Map<String, double[]> out = new HashMap<>();
        parts.forEach((site, list) -> out.put(site, list.stream().flatMapToDouble(Arrays::stream).sorted().toArray()));
        return out;
    }

    /** The offset knob of an approximation that {@link #applies}. */
    static Knob offsetKnob(Approximation a) {
        return a.knobs().stream().filter(k -> k.name().equals(OFFSET)).findFirst().orElseThrow(
            () -> new IllegalArgumentException(a.name() + " has no knob " + OFFSET));
    }

    /** Candidate offsets for rows with these (sorted) maxima: distinct rounded-up quantiles within the knob's range. */
    static List<Integer> offsets(double[] sortedMaxima, Knob offsetKnob) {
        TreeSet<Integer> out = new TreeSet<>();
        if (sortedMaxima.length == 0) {
            return List.of();
        }
        for (double q : QUANTILES) {
            int at = (int) Math.min(sortedMaxima.length - 1, Math.floor(q * sortedMaxima.length));
            double c = Math.ceil(sortedMaxima[at]);
            if (c >= offsetKnob.min() && c <= offsetKnob.max()) {
                out.add((int) c);
            }
        }
        return List.copyOf(out);
    }
}
