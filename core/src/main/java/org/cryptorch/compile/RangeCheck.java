package org.cryptorch.compile;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cryptorch.approx.Approximation;
import org.cryptorch.ir.Graph;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Tensor;

/**
 * Whether inputs keep every approximation site inside the range its approximation is documented (and tested) to be
 * accurate on ({@link Approximation#documentedRange}): outside it an approximation can be wrong by any amount (an
 * exp limit overflows, a Newton iteration diverges, a comparison of too few bits wraps), and the fixed-point result
 * is then garbage without a sign. It runs the canonical graph in float on the inputs and looks at each site's first
 * input, so it costs one float inference of the samples. {@code simulate} and {@code run} check the inputs with it
 * before computing; the parties of a deployment cannot (the input owner lacks the weights, the weights owner the
 * inputs), see docs/reliability.md.
 */
public final class RangeCheck {
    private RangeCheck() {
    }

    /**
     * Throws, naming the site, approximation, documented range and the value found, if some site's input leaves its
     * documented range on {@code batch} (input name to tensor of the canonical graph's shapes).
     */
    public static void check(Graph canonical, Plan plan, Map<String, Tensor> batch) {
        FloatPass.run(canonical, List.of(batch), (node, args) -> {
            Plan.Site site = plan.site(node.name()).orElse(null);
            if (site == null || args.isEmpty() || !(args.get(0) instanceof FloatTensor x)) {
                return;
            }
            Approximation a = site.resolve();
            Approximation.Range r = a.documentedRange(site.knobs().complete(a));
            for (double v : x.data()) {
                if (!inside(v, r)) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "site '%s' (%s) gets %.4g, "
                        + "outside the range %s its approximation is accurate on: the result would be wrong",
                        node.name(), a.name(), v, r));
                }
            }
        });
    }

    private static boolean inside(double v, Approximation.Range r) {
        return (v >= r.lo() && v <= r.hi()) || (r.mirrored() && v >= -r.hi() && v <= -r.lo());
    }
}
