package org.cryptorch.reference;

import java.util.Arrays;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/** The Reduce* family (axes as attribute or, in newer opsets, as input 1) and ArgMax/ArgMin. */
final class ReduceOps {
    private ReduceOps() {
    }

    /** A reduction over the given axes on the tensor package's sum/mean/max/min. */
    private interface Reducer {
        FloatTensor apply(FloatTensor x, int[] axes, boolean keepDims);
    }

    static void register() {
        reduce("ReduceSum", FloatTensor::sum);
        reduce("ReduceMean", FloatTensor::mean);
        reduce("ReduceMax", FloatTensor::max);
        reduce("ReduceMin", FloatTensor::min);
        reduce("ReduceSumSquare", (x, axes, keep) -> x.map(v -> v * v).sum(axes, keep));
        reduce("ReduceL1", (x, axes, keep) -> x.map(Math::abs).sum(axes, keep));
        reduce("ReduceL2", (x, axes, keep) -> x.map(v -> v * v).sum(axes, keep).map(Math::sqrt));
        reduce("ReduceLogSum", (x, axes, keep) -> x.sum(axes, keep).map(Math::log));
        reduce("ReduceLogSumExp", (x, axes, keep) -> {
            // shift by the maximum so that exp cannot overflow
            FloatTensor max = x.max(axes, true);
            FloatTensor logSum = x.sub(max).map(Math::exp).sum(axes, true).map(Math::log).add(max);
            return keep ? logSum : logSum.reshape(dropAxes(logSum.shape(), mask(axes, logSum.shape().rank())));
        });
        Ops.single("ArgMax", c -> argExtreme(c, false));
        Ops.single("ArgMin", c -> argExtreme(c, true));
    }

    private static void reduce(String op, Reducer reducer) {
        Ops.single(op, c -> {
            Tensor in = c.in(0);
            FloatTensor x = ElementwiseOps.toFloat(in);
            int rank = x.shape().rank();
            long[] listed = c.axes(1);
            int[] axes;
            if (listed == null || listed.length == 0) {
                if (c.attr("noop_with_empty_axes", 0L) != 0) {
                    return in;
                }
                axes = x.shape().allAxes();
            } else {
                axes = new int[listed.length];
                for (int i = 0; i < axes.length; i++) {
                    axes[i] = c.axis(listed[i], rank);
                }
            }
            FloatTensor y = reducer.apply(x, axes, c.attr("keepdims", 1L) != 0);
            return in instanceof LongTensor l ? ConstantOps.cast(y, l.dtype()) : y;
        });
    }

    private static boolean[] mask(int[] axes, int rank) {
        boolean[] m = new boolean[rank];
        for (int a : axes) {
            m[a] = true;
        }
        return m;
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

    /**
     * Index of the largest (or, negated, the smallest) element along the axis; ties go to the first, or to the last
     * with select_last_index, which searches the reversed axis.
     */
    private static Tensor argExtreme(Call c, boolean smallest) {
        FloatTensor x = ElementwiseOps.toFloat(c.in(0));
        int rank = x.shape().rank();
        int axis = c.axis(c.attr("axis", 0L), rank);
        int len = x.shape().dim(axis);
        boolean last = c.attr("select_last_index", 0L) != 0;
        if (smallest) {
            x = x.map(v -> -v);
        }
        if (last) {
            int[] reversed = new int[len];
            for (int i = 0; i < len; i++) {
                reversed[i] = len - 1 - i;
            }
            x = (FloatTensor) Tensors.gather(x, axis, reversed);
        }
        LongTensor arg = x.argmax(axis);
        if (last) {
            arg = arg.map(i -> len - 1 - i);
        }
        if (c.attr("keepdims", 1L) != 0) {
            int[] dims = x.shape().dims();
            dims[axis] = 1;
            arg = arg.reshape(Shape.of(dims));
        }
        return Tensors.retype(arg, DType.INT64);
    }
}
