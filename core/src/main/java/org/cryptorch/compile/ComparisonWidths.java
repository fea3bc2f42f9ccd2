package org.cryptorch.compile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cryptorch.approx.Primitives;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.reference.FloatInterpreter;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Tensor;

/**
 * Bit widths of comparisons: a comparison on k bits is exact for |x| < 2^(k-1) (ring units), and fewer bits cost
 * fewer rounds and bytes. For each {@code Ltz} without a width the float graph is run on calibration inputs and
 * the width is ceil(log2(max|x| * 2^scale)) + {@link #SAFETY_BITS}, within [{@link #MIN_BITS}, 64]; the safety
 * bits cover the sign and inputs up to 2x beyond the calibration range. Without calibration: the same rule for the
 * bound the emitting approximation's documented range implies ({@code Primitives.LTZ_BOUND}), else 64.
 *
 * <p>{@link Stage#SIZE_COMPARISONS} ({@link #annotate}) records the calibrated range on each comparison; the
 * lowering, which knows the input's scale, turns it into the width.
 */
public final class ComparisonWidths {
    public static final int SAFETY_BITS = 2;
    public static final int MIN_BITS = 8;
    public static final int FULL = 64;
    /** Float attribute of an {@code Ltz}: the largest |input| over the calibration samples. */
    public static final String CALIBRATED_RANGE = "calibrated_range";

    private ComparisonWidths() {
    }

    /** The width for inputs bounded by {@code maxAbs} at {@code scale} fractional bits. */
    public static int bits(double maxAbs, int scale) {
        double units = maxAbs * Math.scalb(1.0, scale);
        if (!(units >= 1)) {
            return MIN_BITS;
        }
        int b = (int) Math.ceil(Math.log(units) / Math.log(2)) + SAFETY_BITS;
        return Math.max(MIN_BITS, Math.min(FULL, b));
    }

    /**
     * Sets {@link #CALIBRATED_RANGE} on every Ltz node of {@code g}: its max |input| over the calibration samples,
     * each a map of input name to tensor of the compiled shapes. Without calibration (null) nothing changes.
     */
    static void annotate(Graph g, List<Map<String, Tensor>> calibration) {
        if (calibration == null) {
            return;
        }
        Map<Node, Double> ranges = new HashMap<>();
        FloatInterpreter.runSamples(g, calibration, (n, args) -> {
            if (n.opType().equals(Primitives.LTZ)) {
                ranges.merge(n, maxAbs(args.get(0)), Math::max);
            }
        });
        ranges.forEach((n, range) -> n.setAttribute(Attribute.of(CALIBRATED_RANGE, range)));
    }

    private static double maxAbs(Tensor t) {
        double m = 0;
        if (t instanceof FloatTensor f) {
            for (double x : f.data()) {
                m = Math.max(m, Math.abs(x));
            }
        } else {
            for (long x : ((LongTensor) t).data()) {
                m = Math.max(m, Math.abs((double) x));
            }
        }
        return m;
    }
}
