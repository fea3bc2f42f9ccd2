package org.cryptorch.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cryptorch.approx.Primitives;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.Value;
import org.cryptorch.reference.Ops;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Tensor;

/**
 * Bit widths of comparisons: a comparison on k bits is exact for |x| < 2^(k-1) (ring units), and fewer bits cost
 * fewer rounds and bytes. For each {@code Ltz} without a width the float graph is run on calibration inputs and
 * the width is ceil(log2(max|x| * 2^scale)) + {@link #SAFETY_BITS}, within [{@link #MIN_BITS}, 64]; the safety
 * bits cover the sign and inputs up to 2x beyond the calibration range. Without calibration: the same rule for the
 * bound the emitting approximation's documented range implies ({@code Primitives.LTZ_BOUND}), else 64.
 */
public final class ComparisonWidths {
    public static final int SAFETY_BITS = 2;
    public static final int MIN_BITS = 8;
    public static final int FULL = 64;

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
     * Max |input| of every Ltz node (by name) over the calibration samples, each a map of input name to tensor of
     * the compiled shapes; empty when there is no calibration.
     */
    static Map<String, Double> ranges(Graph g, List<Map<String, Tensor>> calibration) {
        Map<String, Double> out = new HashMap<>();
        if (calibration == null) {
            return out;
        }
        Map<Value, Node> lastUse = lastUses(g);
        for (Map<String, Tensor> sample : calibration) {
            Map<Value, Tensor> env = new HashMap<>();
            for (Value in : g.inputs()) {
                Tensor t = sample.get(in.name());
                if (t == null) {
                    throw new IllegalArgumentException("calibration sample lacks input '" + in.name() + "'");
                }
                if (!t.shape().equals(in.shape())) {
                    throw new IllegalArgumentException("calibration input '" + in.name() + "' has shape " + t.shape()
                        + ", the program is compiled for " + in.shape());
                }
                env.put(in, t);
            }
            for (Node n : g.nodes()) {
                List<Tensor> args = new ArrayList<>();
                for (Value v : n.inputs()) {
                    args.add(v == null ? null : v.isConstant() ? v.constant() : env.get(v));
                }
                if (n.opType().equals(Primitives.LTZ)) {
                    out.merge(n.name(), maxAbs(args.get(0)), Math::max);
                }
                List<Tensor> res = Ops.evaluate(n, args, g.opset());
                for (int i = 0; i < n.outputs().size() && i < res.size(); i++) {
                    env.put(n.output(i), res.get(i));
                }
                // Only the ranges are wanted: dropping dead activations keeps a large model's run in a small heap.
                env.keySet().removeIf(v -> lastUse.get(v) == n);
            }
        }
        return out;
    }

    /** The last node (in order) reading each value; graph outputs and unread values have none. */
    private static Map<Value, Node> lastUses(Graph g) {
        Map<Value, Node> last = new HashMap<>();
        for (Node n : g.nodes()) {
            for (Value v : n.inputs()) {
                if (v != null) {
                    last.put(v, n);
                }
            }
        }
        g.outputs().forEach(last::remove);
        return last;
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
