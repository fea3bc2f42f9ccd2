package org.cryptorch.tune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.cryptorch.approx.CalibratedKnob;
import org.cryptorch.approx.Knob;
import org.cryptorch.ir.Graph;
import org.cryptorch.reference.FloatInterpreter;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Tensor;

/**
 * Values of the knobs an approximation declares calibrated ({@link CalibratedKnob}), from the calibration samples.
 * The case in point: a softmax that subtracts a public offset instead of its row maximum needs no comparisons (a
 * 128-wide row's comparison tree takes 7 comparison rounds); it is exact while every row's maximum lies a few units
 * below the offset, but rows spread wider than that in practice, and which offset loses least is an empirical
 * question. So each site gets candidates at the median, 90th and 99th percentile and the maximum of the statistic
 * on the calibration samples, rounded up, and the search scores them in fixed point on every sample like any other.
 */
final class CalibratedKnobs {
    private static final double[] QUANTILES = {0.5, 0.9, 0.99, 1.0};

    private CalibratedKnobs() {
    }

    /** {@code statistic} of the first input of each of {@code sites} on {@code samples}, sorted, by site. */
    static Map<String, double[]> measure(CalibratedKnob.Statistic statistic, Graph g,
                                         List<Map<String, Tensor>> samples, Set<String> sites) {
        return switch (statistic) {
            case ROW_MAXIMA -> rowMaxima(g, samples, sites);
        };
    }

    /** The maxima of the rows (along the last axis) of the first input of each of {@code sites} on {@code samples}. */
    static Map<String, double[]> rowMaxima(Graph g, List<Map<String, Tensor>> samples, Set<String> sites) {
        Map<String, List<double[]>> parts = new HashMap<>();
        FloatInterpreter.runSamples(g, samples, (n, args) -> {
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

    /** Candidate values for a statistic with these (sorted) values: distinct rounded-up quantiles within the knob. */
    static List<Integer> values(double[] sorted, Knob knob) {
        TreeSet<Integer> out = new TreeSet<>();
        if (sorted.length == 0) {
            return List.of();
        }
        for (double q : QUANTILES) {
            int at = (int) Math.min(sorted.length - 1, Math.floor(q * sorted.length));
            double c = Math.ceil(sorted[at]);
            if (c >= knob.min() && c <= knob.max()) {
                out.add((int) c);
            }
        }
        return List.copyOf(out);
    }
}
