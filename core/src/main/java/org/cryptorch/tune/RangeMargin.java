package org.cryptorch.tune;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cryptorch.approx.Approximation;
import org.cryptorch.approx.Approximations;
import org.cryptorch.approx.KnobValues;
import org.cryptorch.ir.Graph;
import org.cryptorch.reference.FloatInterpreter;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Tensor;

/**
 * The tuner's safety margin on calibrated knobs. {@code run} refuses inputs that leave a site's documented range
 * ({@code compile.RangeCheck}), and knobs chosen on calibration data (a softmax's public offset, say) can fit the
 * calibration inputs and not the next ones: digits_vit's WAN plan took an offset whose range its held-out inputs
 * left, so the plan the search chose could not run. A candidate is therefore offered only if its documented range
 * holds every calibration input of its site widened by {@link #MARGIN} of their spread on each side (held-out inputs
 * of digits_vit's sites went beyond the calibration's by up to 3.5 % of the spread).
 */
final class RangeMargin {
    static final double MARGIN = 0.1;

    private RangeMargin() {
    }

    /** The least and greatest first input of each of {@code sites} over {@code samples} (float model). */
    static Map<String, double[]> observed(Graph g, List<Map<String, Tensor>> samples, Set<String> sites) {
        Map<String, double[]> out = new HashMap<>();
        FloatInterpreter.runSamples(g, samples, (n, args) -> {
            if (sites.contains(n.name()) && !args.isEmpty() && args.get(0) instanceof FloatTensor x) {
                double[] r = out.computeIfAbsent(n.name(), k -> new double[] {Double.POSITIVE_INFINITY,
                    Double.NEGATIVE_INFINITY});
                for (double v : x.data()) {
                    r[0] = Math.min(r[0], v);
                    r[1] = Math.max(r[1], v);
                }
            }
        });
        return out;
    }

    /** Whether {@code approximation} with {@code knobs} is documented on all of {@code observed} widened. */
    static boolean admits(String approximation, KnobValues knobs, double[] observed) {
        if (observed == null || !(observed[0] <= observed[1])) {
            return true;
        }
        Approximation a = Approximations.get(approximation);
        Approximation.Range r = a.documentedRange(knobs.complete(a));
        double m = MARGIN * (observed[1] - observed[0]);
        double lo = observed[0] - m;
        double hi = observed[1] + m;
        if (lo >= r.lo() && hi <= r.hi()) {
            return true;
        }
        // a mirrored range is [lo, hi] and [-hi, -lo]: one interval when lo <= 0
        return r.mirrored() && (lo >= -r.hi() && hi <= (r.lo() <= 0 ? r.hi() : -r.lo()));
    }
}
