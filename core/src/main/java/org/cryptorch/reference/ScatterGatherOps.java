package org.cryptorch.reference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/** Data-dependent indexing: ScatterElements/Scatter, ScatterND, GatherND, NonZero and TopK. */
final class ScatterGatherOps {
    private ScatterGatherOps() {
    }

    static void register() {
        Ops.single("ScatterElements", ScatterGatherOps::scatterElements);
        Ops.single("Scatter", ScatterGatherOps::scatterElements);
        Ops.single("ScatterND", ScatterGatherOps::scatterNd);
        Ops.single("GatherND", ScatterGatherOps::gatherNd);
        Ops.single("NonZero", ScatterGatherOps::nonZero);
        Ops.register("TopK", ScatterGatherOps::topK);
    }

    private static DoubleBinaryOperator reduction(Call c) {
        String r = c.attr("reduction", "none");
        return switch (r) {
            case "none" -> (old, update) -> update;
            case "add" -> Double::sum;
            case "mul" -> (old, update) -> old * update;
            case "max" -> Math::max;
            case "min" -> Math::min;
            default -> throw c.error("unknown reduction '" + r + "'");
        };
    }

    /** Writes updates[k] at the coordinate of k with the axis coordinate replaced by indices[k]. */
    private static Tensor scatterElements(Call c) {
        FloatTensor data = ElementwiseOps.toFloat(c.in(0));
        LongTensor indices = c.l(1);
        double[] updates = ElementwiseOps.toFloat(c.in(2)).data();
        int rank = data.shape().rank();
        int axis = c.axis(c.attr("axis", 0L), rank);
        int dim = data.shape().dim(axis);
        DoubleBinaryOperator combine = reduction(c);
        double[] out = data.data().clone();
        int[] strides = data.shape().strides();
        int[] idxDims = indices.shape().dims();
        int[] coord = new int[rank];
        for (int k = 0; k < indices.size(); k++) {
            WindowTable.unflatten(k, idxDims, coord);
            coord[axis] = wrap(c, indices.data()[k], dim);
            int flat = 0;
            for (int a = 0; a < rank; a++) {
                flat += coord[a] * strides[a];
            }
            out[flat] = combine.applyAsDouble(out[flat], updates[k]);
        }
        return sameKind(c.in(0), new FloatTensor(data.shape(), out, data.dtype()));
    }

    /** Each index tuple (last axis of indices) addresses a slice of data that takes the matching update slice. */
    private static Tensor scatterNd(Call c) {
        FloatTensor data = ElementwiseOps.toFloat(c.in(0));
        LongTensor indices = c.l(1);
        double[] updates = ElementwiseOps.toFloat(c.in(2)).data();
        DoubleBinaryOperator combine = reduction(c);
        int q = indices.shape().dim(-1);
        int slice = sliceSize(data.shape(), q);
        double[] out = data.data().clone();
        for (int t = 0; t < indices.size() / Math.max(q, 1); t++) {
            int base = sliceStart(c, data.shape(), indices.data(), t * q, q, 0);
            for (int j = 0; j < slice; j++) {
                out[base + j] = combine.applyAsDouble(out[base + j], updates[t * slice + j]);
            }
        }
        return sameKind(c.in(0), new FloatTensor(data.shape(), out, data.dtype()));
    }

    /** Gathers the slices that the index tuples address, within each of the leading batch_dims. */
    private static Tensor gatherNd(Call c) {
        Tensor data = c.in(0);
        LongTensor indices = c.l(1);
        int batchDims = (int) c.attr("batch_dims", 0L);
        int q = indices.shape().dim(-1);
        int[] dd = data.shape().dims();
        int[] id = indices.shape().dims();
        int batch = Shape.of(Arrays.copyOf(dd, batchDims)).size();
        Shape inner = Shape.of(Arrays.copyOfRange(dd, batchDims, dd.length));
        int slice = sliceSize(inner, q);
        int tuplesPerBatch = indices.size() / Math.max(1, q) / Math.max(1, batch);
        long[] source = new long[batch * tuplesPerBatch * slice];
        int k = 0;
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < tuplesPerBatch; t++) {
                int start = sliceStart(c, inner, indices.data(), (b * tuplesPerBatch + t) * q, q, b * inner.size());
                for (int j = 0; j < slice; j++) {
                    source[k++] = start + j;
                }
            }
        }
        int[] outDims = new int[id.length - 1 + dd.length - batchDims - q];
        System.arraycopy(id, 0, outDims, 0, id.length - 1);
        System.arraycopy(dd, batchDims + q, outDims, id.length - 1, dd.length - batchDims - q);
        Tensor flat = Tensors.reshape(data, Shape.of(data.shape().size()));
        return Tensors.reshape(Tensors.gather(flat, 0, new LongTensor(Shape.of(source.length), source)),
            Shape.of(outDims));
    }

    private static int sliceSize(Shape s, int q) {
        return Shape.of(Arrays.copyOfRange(s.dims(), q, s.rank())).size();
    }

    /** Flat offset of the slice addressed by the q indices at {@code idx[from..from+q)}. */
    private static int sliceStart(Call c, Shape s, long[] idx, int from, int q, int offset) {
        int[] strides = s.strides();
        int flat = offset;
        for (int a = 0; a < q; a++) {
            flat += wrap(c, idx[from + a], s.dim(a)) * strides[a];
        }
        return flat;
    }

    private static int wrap(Call c, long i, int dim) {
        if (i < -dim || i >= dim) {
            throw c.error("index " + i + " out of range for axis of size " + dim);
        }
        return (int) (i < 0 ? i + dim : i);
    }

    private static Tensor sameKind(Tensor like, FloatTensor result) {
        return like instanceof LongTensor l ? ConstantOps.cast(result, l.dtype()) : result;
    }

    /** The coordinates of the non-zero elements, one column per element, in row-major order. */
    private static Tensor nonZero(Call c) {
        double[] d = ElementwiseOps.toFloat(c.in(0)).data();
        int[] dims = c.in(0).shape().dims();
        List<int[]> found = new ArrayList<>();
        for (int k = 0; k < d.length; k++) {
            if (d[k] != 0) {
                int[] coord = new int[dims.length];
                WindowTable.unflatten(k, dims, coord);
                found.add(coord);
            }
        }
        long[] out = new long[dims.length * found.size()];
        for (int j = 0; j < found.size(); j++) {
            for (int a = 0; a < dims.length; a++) {
                out[a * found.size() + j] = found.get(j)[a];
            }
        }
        return new LongTensor(Shape.of(dims.length, found.size()), out, DType.INT64);
    }

    /** The k largest (or smallest) elements along the axis, ordered, ties broken by the lower index. */
    private static List<Tensor> topK(Call c) {
        FloatTensor x = ElementwiseOps.toFloat(c.in(0));
        int rank = x.shape().rank();
        int axis = c.axis(c.attr("axis", -1L), rank);
        int k = c.has(1) ? (int) c.longs(1)[0] : (int) c.attr("k", 0L);
        boolean largest = c.attr("largest", 1L) != 0;
        int len = x.shape().dim(axis);
        if (k < 0 || k > len) {
            throw c.error("k=" + k + " out of range for axis of size " + len);
        }
        int stride = x.shape().strides()[axis];
        int outer = x.size() / Math.max(1, len * stride);
        int[] outDims = x.shape().dims();
        outDims[axis] = k;
        double[] values = new double[outer * k * stride];
        long[] indices = new long[values.length];
        double[] d = x.data();
        Integer[] order = new Integer[len];
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < stride; in++) {
                int base = o * len * stride + in;
                for (int i = 0; i < len; i++) {
                    order[i] = i;
                }
                Comparator<Integer> byValue = Comparator.comparingDouble(i -> d[base + i * stride]);
                Arrays.sort(order, (largest ? byValue.reversed() : byValue).thenComparingInt(i -> i));
                for (int j = 0; j < k; j++) {
                    int pos = o * k * stride + j * stride + in;
                    values[pos] = d[base + order[j] * stride];
                    indices[pos] = order[j];
                }
            }
        }
        Shape shape = Shape.of(outDims);
        return List.of(sameKind(c.in(0), new FloatTensor(shape, values, x.dtype())),
            new LongTensor(shape, indices, DType.INT64));
    }
}
