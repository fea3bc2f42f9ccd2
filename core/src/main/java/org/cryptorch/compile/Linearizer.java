package org.cryptorch.compile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.OpTable;
import org.cryptorch.ir.SpatialWindow;
import org.cryptorch.ir.UnsupportedModelException;
import org.cryptorch.ir.Value;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * Rewrites the exact linear ops of a canonical graph into primitives, so the lowering handles one small set:
 * division by a constant becomes a product with its reciprocal; a small integer power, products; Sum, a chain of
 * Adds; means and average pools, sums (ReduceSum, or a depthwise Conv with a kernel of ones) times a public
 * constant; Where with a constant condition, b + c * (a - b); Split, Slices; Dropout/Identity, nothing. Which ops
 * (and under which conditions) is the {@link OpTable}'s to say.
 * Constants made here are public: what is derived from weights (a BatchNormalization's factors, a weight's
 * reciprocal) the canonicaliser computes ({@code passes.FactorsOfWeights}), so that it stays a weight.
 */
final class Linearizer {
    private Linearizer() {
    }

    static void apply(Graph g) {
        for (Node n : new ArrayList<>(g.nodes())) {
            int before = g.nodes().size();
            List<Value> outs = rewrite(g, n);
            if (outs == null) {
                continue;
            }
            Approximator.nameEmitted(g, before, n.name());
            for (int i = 0; i < n.outputs().size(); i++) {
                g.replaceAllUses(n.output(i), outs.get(i));
            }
            g.removeNode(n);
        }
        g.sortTopologically();
    }

    /**
     * The replacement outputs of {@code n}, or null to keep it: every exact node of an op the {@link OpTable} lists
     * as {@link OpTable.Mpc#LINEARIZED} is rewritten (the conditions are the table's).
     */
    private static List<Value> rewrite(Graph g, Node n) {
        OpTable.Op op = OpTable.of(n.opType());
        if (op.mpc() != OpTable.Mpc.LINEARIZED || op.approximationReason(n) != null) {
            return null;
        }
        return switch (n.opType()) {
            case "Div" -> List.of(g.op("Mul", n.input(0), g.constant(toFloat(n.input(1).constant()).map(v -> 1 / v))));
            case "Pow" -> List.of(power(g, n));
            case "Sum" -> List.of(sum(g, n.inputs()));
            case "ReduceMean" -> List.of(mean(g, n));
            case "GlobalAveragePool" -> List.of(globalAverage(g, n));
            case "AveragePool" -> List.of(averagePool(g, n));
            case "Where" -> List.of(g.op("Add", n.input(2), g.op("Mul", g.constant(toFloat(n.input(0).constant())),
                g.op("Sub", n.input(1), n.input(2)))));
            case "Split" -> split(g, n);
            case "Dropout", "Identity" -> List.of(n.input(0));
            default -> throw new IllegalStateException("the op table lists " + n.opType() + " as linearized, but the "
                + "linearizer has no rewrite for it");
        };
    }

    private static Value power(Graph g, Node n) {
        int k = (int) toFloat(n.input(1).constant()).data()[0];
        Value x = n.input(0);
        if (k == 0) {
            return g.op("Add", g.op("Mul", x, g.constant(FloatTensor.scalar(0))), g.constant(FloatTensor.scalar(1)));
        }
        Value acc = x;
        for (int i = 1; i < k; i++) {
            acc = g.op("Mul", acc, x);
        }
        return acc;
    }

    private static Value sum(Graph g, List<Value> terms) {
        Value acc = terms.get(0);
        for (int i = 1; i < terms.size(); i++) {
            acc = g.op("Add", acc, terms.get(i));
        }
        return acc;
    }

    private static Value mean(Graph g, Node n) {
        Shape in = n.input(0).shape();
        Shape out = n.output(0).shape();
        long[] axes = n.has("axes") ? n.intsAttr("axes", null) : n.inputs().size() > 1 && n.input(1) != null
            ? ((LongTensor) n.input(1).constant()).data() : allAxes(in.rank());
        Value summed = reduceSum(g, n.input(0), axes, n.intAttr("keepdims", 1) != 0);
        return g.op("Mul", summed, g.constant(FloatTensor.scalar((double) out.size() / in.size())));
    }

    private static Value globalAverage(Graph g, Node n) {
        Shape in = n.input(0).shape();
        long[] spatial = new long[in.rank() - 2];
        for (int i = 0; i < spatial.length; i++) {
            spatial[i] = i + 2;
        }
        Value summed = reduceSum(g, n.input(0), spatial, true);
        return g.op("Mul", summed, g.constant(FloatTensor.scalar((double) n.output(0).shape().size() / in.size())));
    }

    private static Value reduceSum(Graph g, Value x, long[] axes, boolean keepDims) {
        Value ax = g.constant(LongTensor.of(Shape.of(axes.length), axes));
        return g.op("ReduceSum", Map.of("keepdims", Attribute.of("keepdims", keepDims ? 1L : 0L)), x, ax);
    }

    /** A depthwise Conv with a kernel of ones sums each window; the divisor is public (it depends on position). */
    private static Value averagePool(Graph g, Node n) {
        Shape in = n.input(0).shape();
        if (in.rank() != 4) {
            throw new UnsupportedModelException("node '" + n.name() + "' (AveragePool): only 2-D pooling is supported, "
                + "input " + in);
        }
        if (n.intAttr("ceil_mode", 0) != 0) {
            throw new UnsupportedModelException("node '" + n.name() + "' (AveragePool): ceil_mode=1 is not supported");
        }
        int channels = in.dim(1);
        SpatialWindow w = SpatialWindow.of(n, new int[] {in.dim(2), in.dim(3)}, null);
        int[] pads = {w.pads()[0], w.pads()[1], w.pads()[2], w.pads()[3]};
        Map<String, Attribute> attrs = Map.of("group", Attribute.of("group", (long) channels),
            "strides", Attribute.ofInts("strides", w.strides()[0], w.strides()[1]),
            "pads", Attribute.ofInts("pads", pads[0], pads[1], pads[2], pads[3]),
            "dilations", Attribute.ofInts("dilations", w.dilations()[0], w.dilations()[1]),
            "kernel_shape", Attribute.ofInts("kernel_shape", w.kernel()[0], w.kernel()[1]));
        Value ones = g.constant(FloatTensor.full(Shape.of(channels, 1, w.kernel()[0], w.kernel()[1]), 1));
        Value sums = g.op("Conv", attrs, n.input(0), ones);
        FloatTensor counts;
        if (n.intAttr("count_include_pad", 0) != 0) {
            counts = FloatTensor.scalar(w.kernel()[0] * w.kernel()[1]);
        } else {
            counts = FloatTensor.full(Shape.of(1, 1, in.dim(2), in.dim(3)), 1).conv2d(
                FloatTensor.full(Shape.of(1, 1, w.kernel()[0], w.kernel()[1]), 1), w.strides(), pads, w.dilations(), 1);
        }
        return g.op("Mul", sums, g.constant(counts.map(c -> 1 / c)));
    }

    /** Each output of a Split becomes a Slice; the output shapes (from shape inference) give the boundaries. */
    private static List<Value> split(Graph g, Node n) {
        int rank = n.input(0).shape().rank();
        long axis = n.intAttr("axis", 0);
        int ax = (int) (axis < 0 ? axis + rank : axis);
        List<Value> outs = new ArrayList<>();
        int start = 0;
        for (Value o : n.outputs()) {
            int len = o.shape().dim(ax);
            outs.add(g.op("Slice", n.input(0), ints(g, start), ints(g, start + len), ints(g, ax)));
            start += len;
        }
        return outs;
    }

    private static Value ints(Graph g, long v) {
        return g.constant(LongTensor.of(Shape.of(1), v));
    }

    private static long[] allAxes(int rank) {
        long[] a = new long[rank];
        for (int i = 0; i < rank; i++) {
            a[i] = i;
        }
        return a;
    }

    static FloatTensor toFloat(Tensor t) {
        return switch (t) {
            case FloatTensor f -> f;
            case LongTensor l -> new FloatTensor(l.shape(), Arrays.stream(l.data()).asDoubleStream().toArray());
        };
    }
}
