package org.cryptorch.reference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cryptorch.ir.SpatialWindow;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/** MaxPool (with optional Indices output), AveragePool and the global pools, over any number of spatial axes. */
final class PoolOps {
    private PoolOps() {
    }

    static void register() {
        Ops.register("MaxPool", PoolOps::maxPool);
        Ops.single("AveragePool", PoolOps::averagePool);
        Ops.single("GlobalAveragePool", c -> global(c, true));
        Ops.single("GlobalMaxPool", c -> global(c, false));
    }

    private static List<Tensor> maxPool(Call c) {
        FloatTensor x = ElementwiseOps.toFloat(c.in(0));
        Window w = new Window(c, x);
        int[] spatialIndex = c.attr("storage_order", 0L) != 0 ? columnMajor(w.inputDims) : null;
        double[] y = new double[w.planes * w.table.outputSize];
        long[] argmax = new long[y.length];
        for (int plane = 0; plane < w.planes; plane++) {
            int xOff = plane * w.table.inputSize;
            for (int p = 0; p < w.table.outputSize; p++) {
                double best = Double.NEGATIVE_INFINITY;
                int bestIdx = -1;
                for (int q = 0; q < w.table.kernelSize; q++) {
                    int idx = w.table.index[q * w.table.outputSize + p];
                    if (idx >= 0 && (bestIdx < 0 || x.data()[xOff + idx] > best)) {
                        best = x.data()[xOff + idx];
                        bestIdx = xOff + (spatialIndex == null ? idx : spatialIndex[idx]);
                    }
                }
                y[plane * w.table.outputSize + p] = best;
                argmax[plane * w.table.outputSize + p] = bestIdx;
            }
        }
        List<Tensor> out = new ArrayList<>();
        FloatTensor pooled = new FloatTensor(w.outputShape, y, x.dtype());
        out.add(c.in(0) instanceof LongTensor l ? ConstantOps.cast(pooled, l.dtype()) : pooled);
        if (c.node().outputs().size() > 1) {
            out.add(new LongTensor(w.outputShape, argmax, DType.INT64));
        }
        return out;
    }

    /** For each row-major spatial index, the column-major one (MaxPool indices with storage_order=1). */
    private static int[] columnMajor(int[] dims) {
        int n = Shape.of(dims).size();
        int[] out = new int[n];
        int[] idx = new int[dims.length];
        for (int flat = 0; flat < n; flat++) {
            WindowTable.unflatten(flat, dims, idx);
            int col = 0;
            for (int a = dims.length - 1; a >= 0; a--) {
                col = col * dims[a] + idx[a];
            }
            out[flat] = col;
        }
        return out;
    }

    private static Tensor averagePool(Call c) {
        FloatTensor x = c.f(0);
        boolean includePad = c.attr("count_include_pad", 0L) != 0;
        Window w = new Window(c, x);
        double[] y = new double[w.planes * w.table.outputSize];
        for (int plane = 0; plane < w.planes; plane++) {
            int xOff = plane * w.table.inputSize;
            for (int p = 0; p < w.table.outputSize; p++) {
                double sum = 0;
                int count = 0;
                for (int q = 0; q < w.table.kernelSize; q++) {
                    int idx = w.table.index[q * w.table.outputSize + p];
                    if (idx >= 0) {
                        sum += x.data()[xOff + idx];
                        count++;
                    } else if (idx == WindowTable.PADDING && includePad) {
                        count++;
                    }
                }
                y[plane * w.table.outputSize + p] = sum / count;
            }
        }
        return new FloatTensor(w.outputShape, y, x.dtype());
    }

    private static Tensor global(Call c, boolean average) {
        FloatTensor x = c.f(0);
        int[] spatial = new int[x.shape().rank() - 2];
        for (int i = 0; i < spatial.length; i++) {
            spatial[i] = i + 2;
        }
        return average ? x.mean(spatial, true) : x.max(spatial, true);
    }

    /** The window table of a pool node and the (batch x channel) planes it slides over. */
    private static final class Window {
        final WindowTable table;
        final int planes;
        final Shape outputShape;
        final int[] inputDims;

        Window(Call c, FloatTensor x) {
            int[] xd = x.shape().dims();
            if (xd.length < 3) {
                throw c.error("input must have batch, channel and spatial axes, got " + x.shape());
            }
            inputDims = Arrays.copyOfRange(xd, 2, xd.length);
            SpatialWindow win = SpatialWindow.of(c.node(), inputDims, null);
            table = new WindowTable(win);
            planes = xd[0] * xd[1];
            int[] yd = xd.clone();
            System.arraycopy(win.outputDims(), 0, yd, 2, win.outputDims().length);
            outputShape = Shape.of(yd);
        }
    }
}
