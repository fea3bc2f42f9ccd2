package org.cryptorch.compile;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.cryptorch.approx.Approximation;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.InvalidInputException;
import org.cryptorch.reference.FloatInterpreter;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Tensor;

/**
 * Whether inputs keep every approximation site inside the range its approximation is documented (and tested) to be
 * accurate on ({@link Approximation#documentedRange}): outside it an approximation can be wrong by any amount (an
 * exp limit overflows, a Newton iteration diverges, a comparison of too few bits wraps), and the fixed-point result
 * is then garbage without a sign. It runs the canonical graph in float on the inputs and looks at each site's first
 * input, so it costs one float inference of the samples. {@code simulate} and {@code run} check the inputs with it
 * before computing; the parties of a deployment cannot (the input owner lacks the weights, the weights owner the
 * inputs), see docs/reliability.md. What the input owner can check alone is {@link #checkCalibratedInputs}.
 */
public final class RangeCheck {
    /**
     * How far inputs may exceed the largest calibration magnitude: {@link ComparisonWidths#SAFETY_BITS} give every
     * calibrated comparison at least twice the magnitude it saw on the calibration samples.
     */
    public static final double CALIBRATED_HEADROOM = 2;

    private RangeCheck() {
    }

    /**
     * Throws, naming the input, sample, element and value, if {@code batch} (input name to tensor, first axis the
     * samples) holds a real value beyond {@link #CALIBRATED_HEADROOM} times the largest magnitude among the
     * calibration samples that sized {@code plan}'s comparison widths ({@link Plan#calibratedInputs}). Such an input
     * can drive a comparison past its width, where it wraps without a sign. Needs only the inputs and the (public)
     * plan, so the input owner of a deployment checks it before a query, where the full {@link #check} needs the
     * weights too. Scaled inputs usually scale what the comparisons see; the check is a guard on that, not a proof.
     */
    public static void checkCalibratedInputs(Plan plan, Map<String, Tensor> batch) {
        plan.calibratedInputs().forEach((input, calibrated) -> {
            if (!(batch.get(input) instanceof FloatTensor x)) {
                return;                            // integer inputs (indices) index tables: no comparison sees them
            }
            double bound = CALIBRATED_HEADROOM * calibrated;
            double[] data = x.data();
            int perSample = data.length / Math.max(1, x.shape().dim(0));
            for (int i = 0; i < data.length; i++) {
                if (Math.abs(data[i]) > bound) {
                    throw new InvalidInputException(String.format(Locale.ROOT, "input '%s' sample %d, element %d "
                        + "is %s, beyond +-%s (%s times the largest magnitude, %s, of the calibration samples that "
                        + "sized the comparison widths): a comparison could wrap and the result would be wrong; "
                        + "calibrate on inputs like these", input, i / perSample, i % perSample, brief(data[i]),
                        brief(bound), brief(CALIBRATED_HEADROOM), brief(calibrated)));
                }
            }
        });
    }

    /** {@code v} to 4 significant digits without trailing zeros. */
    private static String brief(double v) {
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** The largest magnitude of each real input among {@code samples} (each a map of input name to tensor). */
    public static Map<String, Double> largestMagnitudes(List<Map<String, Tensor>> samples) {
        Map<String, Double> out = new TreeMap<>();
        for (Map<String, Tensor> batch : samples) {
            batch.forEach((name, t) -> {
                if (t instanceof FloatTensor f) {
                    double m = 0;
                    for (double v : f.data()) {
                        m = Math.max(m, Math.abs(v));
                    }
                    out.merge(name, m, Math::max);
                }
            });
        }
        return out;
    }

    /**
     * Throws, naming the site, approximation, documented range and the value found, if some site's input leaves its
     * documented range on {@code batch} (input name to tensor of the canonical graph's shapes), or an input leaves the
     * plan's calibrated range ({@link #checkCalibratedInputs}).
     */
    public static void check(Graph canonical, Plan plan, Map<String, Tensor> batch) {
        checkCalibratedInputs(plan, batch);
        FloatInterpreter.runSamples(canonical, List.of(batch), (node, args) -> {
            Plan.Site site = plan.site(node.name()).orElse(null);
            if (site == null || args.isEmpty() || !(args.get(0) instanceof FloatTensor x)) {
                return;
            }
            Approximation a = site.resolve();
            Approximation.Range r = a.documentedRange(site.knobs().complete(a));
            for (double v : x.data()) {
                if (!inside(v, r)) {
                    throw new InvalidInputException(String.format(Locale.ROOT, "site '%s' (%s) gets %.4g, "
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
