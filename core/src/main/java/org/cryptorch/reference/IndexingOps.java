package org.cryptorch.reference;

import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/** Index-driven ops that PyTorch exports use for masks and positions: Trilu, GatherElements, OneHot, CumSum, ... */
final class IndexingOps {
    private IndexingOps() {
    }

    static void register() {
        Ops.single("Trilu", IndexingOps::trilu);
        Ops.single("GatherElements", IndexingOps::gatherElements);
        Ops.single("OneHot", IndexingOps::oneHot);
        Ops.single("CumSum", IndexingOps::cumSum);
        Ops.single("DepthToSpace", c -> depthToSpace(c, c.in(0)));
        Ops.single("SpaceToDepth", c -> spaceToDepth(c, c.in(0)));
    }

    /** Keeps the upper (or lower) triangle of the last two axes from diagonal k on, zeroing the rest. */
    private static Tensor trilu(Call c) {
        Tensor x = c.in(0);
        long k = c.has(1) ? c.longs(1)[0] : 0;
        boolean upper = c.attr("upper", 1L) != 0;
        int rank = x.shape().rank();
        int rows = x.shape().dim(rank - 2);
        int cols = x.shape().dim(rank - 1);
        long[] keep = new long[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                keep[i * cols + j] = (upper ? j - i >= k : j - i <= k) ? 1 : 0;
            }
        }
        LongTensor mask = new LongTensor(Shape.of(rows, cols), keep).broadcastTo(x.shape());
        return switch (x) {
            case FloatTensor f -> f.zip(ElementwiseOps.toFloat(mask), (v, m) -> m != 0 ? v : 0);
            case LongTensor l -> l.zip(mask, (v, m) -> m != 0 ? v : 0);
        };
    }

    /** out[i][j][k] = data[index[i][j][k]][j][k] for axis 0 (and likewise for the other axes). */
    private static Tensor gatherElements(Call c) {
        Tensor data = c.in(0);
        LongTensor indices = c.l(1);
        int rank = data.shape().rank();
        int axis = c.axis(c.attr("axis", 0L), rank);
        int dim = data.shape().dim(axis);
        int[] dataStrides = data.shape().strides();
        int[] idxDims = indices.shape().dims();
        int[] coord = new int[rank];
        int[] source = new int[indices.size()];
        for (int k = 0; k < source.length; k++) {
            WindowTable.unflatten(k, idxDims, coord);
            long i = indices.data()[k];
            if (i < -dim || i >= dim) {
                throw c.error("index " + i + " out of range for axis of size " + dim);
            }
            coord[axis] = (int) (i < 0 ? i + dim : i);
            int flat = 0;
            for (int a = 0; a < rank; a++) {
                flat += coord[a] * dataStrides[a];
            }
            source[k] = flat;
        }
        LongTensor flatIndex = new LongTensor(Shape.of(source.length),
            java.util.Arrays.stream(source).asLongStream().toArray());
        Tensor flatData = Tensors.reshape(data, Shape.of(data.shape().size()));
        return Tensors.reshape(Tensors.gather(flatData, 0, flatIndex), indices.shape());
    }

    /** values[1] where the index matches along the new axis, values[0] elsewhere; negative indices wrap. */
    private static Tensor oneHot(Call c) {
        long[] indices = c.longs(0);
        int depth = (int) c.scalar(1);
        Tensor values = c.in(2);
        int rank = c.in(0).shape().rank() + 1;
        int axis = c.axis(c.attr("axis", -1L), rank);
        int[] inDims = c.in(0).shape().dims();
        int[] outDims = new int[rank];
        for (int a = 0, b = 0; a < rank; a++) {
            outDims[a] = a == axis ? depth : inDims[b++];
        }
        Shape out = Shape.of(outDims);
        int inner = 1;
        for (int a = axis + 1; a < rank; a++) {
            inner *= outDims[a];
        }
        long[] pick = new long[out.size()];
        for (int k = 0; k < indices.length; k++) {
            long i = indices[k] < 0 ? indices[k] + depth : indices[k];
            if (i >= 0 && i < depth) {
                int outer = k / inner;
                pick[(outer * depth + (int) i) * inner + k % inner] = 1;
            }
        }
        return Tensors.gather(values, 0, new LongTensor(out, pick));
    }

    /** Running sums along an axis, optionally exclusive (shifted by one) and/or from the end. */
    private static Tensor cumSum(Call c) {
        FloatTensor x = ElementwiseOps.toFloat(c.in(0));
        int axis = c.axis(c.longs(1)[0], x.shape().rank());
        boolean exclusive = c.attr("exclusive", 0L) != 0;
        boolean reverse = c.attr("reverse", 0L) != 0;
        int len = x.shape().dim(axis);
        int stride = x.shape().strides()[axis];
        double[] d = x.data();
        double[] out = new double[d.length];
        for (int base = 0; base < d.length; base++) {
            if (base / stride % len != 0) {
                continue;
            }
            double acc = 0;
            for (int s = 0; s < len; s++) {
                int pos = base + (reverse ? len - 1 - s : s) * stride;
                if (exclusive) {
                    out[pos] = acc;
                    acc += d[pos];
                } else {
                    acc += d[pos];
                    out[pos] = acc;
                }
            }
        }
        FloatTensor y = new FloatTensor(x.shape(), out, x.dtype());
        return c.in(0) instanceof LongTensor l ? ConstantOps.cast(y, l.dtype()) : y;
    }

    /** DCR mode splits channels as (block, block, C'), CRD mode as (C', block, block). */
    private static Tensor depthToSpace(Call c, Tensor x) {
        int b = (int) c.attr("blocksize", 0L);
        int[] d = x.shape().dims();
        int n = d[0];
        int ch = d[1] / (b * b);
        boolean crd = c.attr("mode", "DCR").equals("CRD");
        Tensor split = Tensors.reshape(x, crd ? Shape.of(n, ch, b, b, d[2], d[3]) : Shape.of(n, b, b, ch, d[2], d[3]));
        Tensor moved = Tensors.permute(split, crd ? new int[] {0, 1, 4, 2, 5, 3} : new int[] {0, 3, 4, 1, 5, 2});
        return Tensors.reshape(moved, Shape.of(n, ch, d[2] * b, d[3] * b));
    }

    private static Tensor spaceToDepth(Call c, Tensor x) {
        int b = (int) c.attr("blocksize", 0L);
        int[] d = x.shape().dims();
        Tensor split = Tensors.reshape(x, Shape.of(d[0], d[1], d[2] / b, b, d[3] / b, b));
        Tensor moved = Tensors.permute(split, new int[] {0, 3, 5, 1, 2, 4});
        return Tensors.reshape(moved, Shape.of(d[0], d[1] * b * b, d[2] / b, d[3] / b));
    }
}
