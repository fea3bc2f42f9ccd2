package org.cryptorch.reference;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongBinaryOperator;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * N-dimensional index arithmetic shared by the kernels: broadcasting, element gathers by index table,
 * elementwise maps and reductions. Works on both float and integer tensors.
 */
final class Nd {
    private Nd() {
    }

    /** For every element of {@code to}, the flat index of the element of {@code from} that broadcasts onto it. */
    static int[] broadcastIndex(Shape from, Shape to) {
        int r = to.rank();
        int off = r - from.rank();
        if (off < 0) {
            throw new IllegalArgumentException("cannot broadcast " + from + " to " + to);
        }
        int[] fromStrides = new int[r];
        int[] fs = from.strides();
        for (int i = 0; i < from.rank(); i++) {
            int d = from.dim(i);
            if (d != 1 && d != to.dim(i + off)) {
                throw new IllegalArgumentException("cannot broadcast " + from + " to " + to);
            }
            fromStrides[i + off] = d == 1 ? 0 : fs[i];
        }
        return mapIndices(to, fromStrides, 0);
    }

    /** Flat indices {@code base + sum(idx[i] * strides[i])} for every multi-index of {@code shape}, row-major. */
    static int[] mapIndices(Shape shape, int[] strides, int base) {
        int n = shape.size();
        int[] out = new int[n];
        int r = shape.rank();
        int[] dims = shape.dims();
        int[] idx = new int[r];
        int cur = base;
        for (int k = 0; k < n; k++) {
            out[k] = cur;
            for (int i = r - 1; i >= 0; i--) {
                idx[i]++;
                cur += strides[i];
                if (idx[i] < dims[i]) {
                    break;
                }
                cur -= strides[i] * dims[i];
                idx[i] = 0;
            }
        }
        return out;
    }

    /** A tensor of shape {@code shape} whose element k is {@code src[index[k]]}. */
    static Tensor take(Tensor src, int[] index, Shape shape) {
        return switch (src) {
            case FloatTensor f -> {
                double[] d = f.data();
                double[] out = new double[index.length];
                for (int k = 0; k < out.length; k++) {
                    out[k] = d[index[k]];
                }
                yield new FloatTensor(shape, out, f.dtype());
            }
            case LongTensor l -> {
                long[] d = l.data();
                long[] out = new long[index.length];
                for (int k = 0; k < out.length; k++) {
                    out[k] = d[index[k]];
                }
                yield new LongTensor(shape, out, l.dtype());
            }
        };
    }

    static Tensor broadcastTo(Tensor t, Shape shape) {
        return t.shape().equals(shape) ? t : take(t, broadcastIndex(t.shape(), shape), shape);
    }

    static Tensor reshape(Tensor t, Shape shape) {
        if (shape.size() != t.shape().size()) {
            throw new IllegalArgumentException("cannot reshape " + t.shape() + " to " + shape);
        }
        return switch (t) {
            case FloatTensor f -> new FloatTensor(shape, f.data(), f.dtype());
            case LongTensor l -> new LongTensor(shape, l.data(), l.dtype());
        };
    }

    static Tensor permute(Tensor t, int[] perm) {
        int[] dims = t.shape().dims();
        int[] strides = t.shape().strides();
        int[] outDims = new int[perm.length];
        int[] permStrides = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            outDims[i] = dims[perm[i]];
            permStrides[i] = strides[perm[i]];
        }
        Shape out = Shape.of(outDims);
        return take(t, mapIndices(out, permStrides, 0), out);
    }

    static FloatTensor map(FloatTensor x, DoubleUnaryOperator f) {
        double[] d = x.data();
        double[] out = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = f.applyAsDouble(d[i]);
        }
        return new FloatTensor(x.shape(), out, x.dtype());
    }

    static FloatTensor zip(FloatTensor a, FloatTensor b, DoubleBinaryOperator f) {
        Shape s = Shape.broadcast(a.shape(), b.shape());
        int[] ia = broadcastIndex(a.shape(), s);
        int[] ib = broadcastIndex(b.shape(), s);
        double[] da = a.data();
        double[] db = b.data();
        double[] out = new double[ia.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(da[ia[i]], db[ib[i]]);
        }
        return new FloatTensor(s, out, a.dtype());
    }

    static LongTensor zip(LongTensor a, LongTensor b, LongBinaryOperator f, DType dtype) {
        Shape s = Shape.broadcast(a.shape(), b.shape());
        int[] ia = broadcastIndex(a.shape(), s);
        int[] ib = broadcastIndex(b.shape(), s);
        long[] da = a.data();
        long[] db = b.data();
        long[] out = new long[ia.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsLong(da[ia[i]], db[ib[i]]);
        }
        return new LongTensor(s, out, dtype);
    }

    /** The shape with the reduced axes set to 1. */
    static Shape keptShape(Shape s, boolean[] reduced) {
        int[] d = s.dims();
        for (int i = 0; i < d.length; i++) {
            if (reduced[i]) {
                d[i] = 1;
            }
        }
        return Shape.of(d);
    }

    /** Sum, max or min over the marked axes; the result keeps the reduced axes with size 1. */
    static FloatTensor reduce(FloatTensor x, boolean[] axes, double init, DoubleBinaryOperator op) {
        Shape kept = keptShape(x.shape(), axes);
        int[] slot = broadcastIndex(kept, x.shape());
        double[] out = new double[kept.size()];
        java.util.Arrays.fill(out, init);
        double[] d = x.data();
        for (int i = 0; i < d.length; i++) {
            out[slot[i]] = op.applyAsDouble(out[slot[i]], d[i]);
        }
        return new FloatTensor(kept, out, x.dtype());
    }

    static Tensor zeros(DType dtype, Shape shape) {
        return dtype.isFloat() ? new FloatTensor(shape, new double[shape.size()], dtype)
            : new LongTensor(shape, new long[shape.size()], dtype);
    }

    /**
     * Gathers along every axis independently: output coordinate {@code o} on axis {@code a} reads input coordinate
     * {@code axisMaps[a][o]}, or is {@code fill} when that is negative. Slice, Pad, Tile and Expand are all this.
     */
    static Tensor takeAxes(Tensor src, int[][] axisMaps, double fill) {
        int r = axisMaps.length;
        int[] outDims = new int[r];
        for (int a = 0; a < r; a++) {
            outDims[a] = axisMaps[a].length;
        }
        Shape out = Shape.of(outDims);
        int n = out.size();
        int[] strides = src.shape().strides();
        int[] index = new int[n];
        int[] idx = new int[r];
        for (int k = 0; k < n; k++) {
            int flat = 0;
            for (int a = 0; a < r && flat >= 0; a++) {
                int i = axisMaps[a][idx[a]];
                flat = i < 0 ? -1 : flat + i * strides[a];
            }
            index[k] = flat;
            for (int a = r - 1; a >= 0; a--) {
                if (++idx[a] < outDims[a]) {
                    break;
                }
                idx[a] = 0;
            }
        }
        return switch (src) {
            case FloatTensor f -> {
                double[] o = new double[n];
                for (int k = 0; k < n; k++) {
                    o[k] = index[k] < 0 ? fill : f.data()[index[k]];
                }
                yield new FloatTensor(out, o, f.dtype());
            }
            case LongTensor l -> {
                long[] o = new long[n];
                for (int k = 0; k < n; k++) {
                    o[k] = index[k] < 0 ? (long) fill : l.data()[index[k]];
                }
                yield new LongTensor(out, o, l.dtype());
            }
        };
    }

    /** The identity axis map of a dimension. */
    static int[] identityMap(int dim) {
        int[] m = new int[dim];
        for (int i = 0; i < dim; i++) {
            m[i] = i;
        }
        return m;
    }
}
