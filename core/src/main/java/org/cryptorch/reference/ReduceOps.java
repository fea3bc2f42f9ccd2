package org.cryptorch.reference;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/** The Reduce* family (axes as attribute or, in newer opsets, as input 1) and ArgMax/ArgMin. */
final class ReduceOps {
    private ReduceOps() {
    }

    /** How one reduction maps its elements, combines them and finishes the result given the element count. */
    private record Reduction(DoubleUnaryOperator pre, double init, DoubleBinaryOperator combine, Finish finish) {
    }

    private interface Finish {
        double apply(double acc, int count);
    }

    static void register() {
        reduce("ReduceSum", new Reduction(v -> v, 0, Double::sum, (a, n) -> a));
        reduce("ReduceMean", new Reduction(v -> v, 0, Double::sum, (a, n) -> a / n));
        reduce("ReduceMax", new Reduction(v -> v, Double.NEGATIVE_INFINITY, Math::max, (a, n) -> a));
        reduce("ReduceMin", new Reduction(v -> v, Double.POSITIVE_INFINITY, Math::min, (a, n) -> a));
        reduce("ReduceProd", new Reduction(v -> v, 1, (a, b) -> a * b, (a, n) -> a));
        reduce("ReduceSumSquare", new Reduction(v -> v * v, 0, Double::sum, (a, n) -> a));
        reduce("ReduceL1", new Reduction(Math::abs, 0, Double::sum, (a, n) -> a));
        reduce("ReduceL2", new Reduction(v -> v * v, 0, Double::sum, (a, n) -> Math.sqrt(a)));
        reduce("ReduceLogSum", new Reduction(v -> v, 0, Double::sum, (a, n) -> Math.log(a)));
        reduce("ReduceLogSumExp", new Reduction(Math::exp, 0, Double::sum, (a, n) -> Math.log(a)));
        Ops.single("ArgMax", c -> argExtreme(c, 1));
        Ops.single("ArgMin", c -> argExtreme(c, -1));
    }

    private static void reduce(String op, Reduction r) {
        Ops.single(op, c -> {
            Tensor in = c.in(0);
            FloatTensor x = ElementwiseOps.toFloat(in);
            int rank = x.shape().rank();
            long[] axes = c.axes(1);
            boolean[] mask = new boolean[rank];
            if (axes == null || axes.length == 0) {
                if (c.attr("noop_with_empty_axes", 0L) != 0) {
                    return in;
                }
                Arrays.fill(mask, true);
            } else {
                for (long a : axes) {
                    mask[c.axis(a, rank)] = true;
                }
            }
            int count = x.shape().size() / Math.max(1, Nd.keptShape(x.shape(), mask).size());
            FloatTensor acc = Nd.reduce(Nd.map(x, r.pre()), mask, r.init(), r.combine());
            FloatTensor y = Nd.map(acc, a -> r.finish().apply(a, count));
            Shape shape = c.attr("keepdims", 1L) != 0 ? y.shape() : dropAxes(y.shape(), mask);
            y = new FloatTensor(shape, y.data(), x.dtype());
            return in instanceof LongTensor l ? toLong(y, l.dtype()) : y;
        });
    }

    private static Tensor toLong(FloatTensor y, DType dtype) {
        long[] out = new long[y.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.round(y.data()[i]);
        }
        return new LongTensor(y.shape(), out, dtype);
    }

    static Shape dropAxes(Shape s, boolean[] mask) {
        int[] d = s.dims();
        int[] out = new int[d.length];
        int n = 0;
        for (int i = 0; i < d.length; i++) {
            if (!mask[i]) {
                out[n++] = d[i];
            }
        }
        return Shape.of(Arrays.copyOf(out, n));
    }

    /** Index of the largest ({@code sign} 1) or smallest (-1) element along the axis; ties go to the first. */
    private static Tensor argExtreme(Call c, int sign) {
        FloatTensor x = ElementwiseOps.toFloat(c.in(0));
        int rank = x.shape().rank();
        int axis = c.axis(c.attr("axis", 0L), rank);
        boolean last = c.attr("select_last_index", 0L) != 0;
        boolean[] mask = new boolean[rank];
        mask[axis] = true;
        Shape kept = Nd.keptShape(x.shape(), mask);
        int[] slot = Nd.broadcastIndex(kept, x.shape());
        int stride = x.shape().strides()[axis];
        int len = x.shape().dim(axis);
        double[] best = new double[kept.size()];
        long[] arg = new long[kept.size()];
        boolean[] seen = new boolean[kept.size()];
        for (int i = 0; i < slot.length; i++) {
            double v = sign * x.data()[i];
            int s = slot[i];
            int pos = i / stride % len;
            if (!seen[s] || v > best[s] || last && v == best[s]) {
                seen[s] = true;
                best[s] = v;
                arg[s] = pos;
            }
        }
        Shape shape = c.attr("keepdims", 1L) != 0 ? kept : dropAxes(kept, mask);
        return new LongTensor(shape, arg, DType.INT64);
    }
}
