package org.cryptorch.reference;

import java.util.Arrays;
import org.cryptorch.ir.SpatialWindow;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/** MatMul (numpy semantics), Gemm and Conv (any number of spatial axes, groups, dilations, auto_pad, bias). */
final class LinearOps {
    private LinearOps() {
    }

    static void register() {
        Ops.single("MatMul", c -> matmul(ElementwiseOps.toFloat(c.in(0)), ElementwiseOps.toFloat(c.in(1))));
        Ops.single("Gemm", LinearOps::gemm);
        Ops.single("Conv", LinearOps::conv);
    }

    static FloatTensor matmul(FloatTensor a, FloatTensor b) {
        int[] ad = a.shape().rank() == 1 ? new int[] {1, a.shape().dim(0)} : a.shape().dims();
        int[] bd = b.shape().rank() == 1 ? new int[] {b.shape().dim(0), 1} : b.shape().dims();
        int m = ad[ad.length - 2];
        int k = ad[ad.length - 1];
        int n = bd[bd.length - 1];
        if (bd[bd.length - 2] != k) {
            throw new IllegalArgumentException("MatMul inner dimensions differ: " + a.shape() + " x " + b.shape());
        }
        Shape batchA = Shape.of(Arrays.copyOf(ad, ad.length - 2));
        Shape batchB = Shape.of(Arrays.copyOf(bd, bd.length - 2));
        Shape batch = Shape.broadcast(batchA, batchB);
        int[] ia = Nd.broadcastIndex(batchA, batch);
        int[] ib = Nd.broadcastIndex(batchB, batch);
        double[] x = a.data();
        double[] y = b.data();
        double[] out = new double[batch.size() * m * n];
        for (int t = 0; t < ia.length; t++) {
            int offA = ia[t] * m * k;
            int offB = ib[t] * k * n;
            int offC = t * m * n;
            for (int i = 0; i < m; i++) {
                for (int p = 0; p < k; p++) {
                    double av = x[offA + i * k + p];
                    int rowB = offB + p * n;
                    int rowC = offC + i * n;
                    for (int j = 0; j < n; j++) {
                        out[rowC + j] += av * y[rowB + j];
                    }
                }
            }
        }
        int[] dims = batch.dims();
        int extra = (a.shape().rank() > 1 ? 1 : 0) + (b.shape().rank() > 1 ? 1 : 0);
        int[] outDims = Arrays.copyOf(dims, dims.length + extra);
        int pos = dims.length;
        if (a.shape().rank() > 1) {
            outDims[pos++] = m;
        }
        if (b.shape().rank() > 1) {
            outDims[pos] = n;
        }
        return new FloatTensor(Shape.of(outDims), out, a.dtype());
    }

    private static Tensor gemm(Call c) {
        FloatTensor a = c.f(0);
        FloatTensor b = c.f(1);
        if (c.attr("transA", 0L) != 0) {
            a = (FloatTensor) Nd.permute(a, new int[] {1, 0});
        }
        if (c.attr("transB", 0L) != 0) {
            b = (FloatTensor) Nd.permute(b, new int[] {1, 0});
        }
        double alpha = c.attr("alpha", 1.0);
        double beta = c.attr("beta", 1.0);
        FloatTensor y = Nd.map(matmul(a, b), v -> alpha * v);
        return c.has(2) ? Nd.zip(y, c.f(2), (v, bias) -> v + beta * bias) : y;
    }

    private static Tensor conv(Call c) {
        FloatTensor x = c.f(0);
        FloatTensor w = c.f(1);
        int[] xd = x.shape().dims();
        int[] wd = w.shape().dims();
        if (xd.length < 3 || wd.length != xd.length) {
            throw c.error("input " + x.shape() + " and weight " + w.shape() + " do not match");
        }
        int group = (int) c.attr("group", 1L);
        int batch = xd[0];
        int channels = xd[1];
        int filters = wd[0];
        int channelsPerGroup = wd[1];
        if (channels != channelsPerGroup * group || filters % group != 0) {
            throw c.error("input channels " + channels + " do not match weight " + w.shape() + " with group "
                + group);
        }
        SpatialWindow win = SpatialWindow.of(c.node(), Arrays.copyOfRange(xd, 2, xd.length),
            Arrays.copyOfRange(wd, 2, wd.length));
        WindowTable table = new WindowTable(win);
        int in = table.inputSize;
        int out = table.outputSize;
        int ks = table.kernelSize;
        int filtersPerGroup = filters / group;
        double[] xs = x.data();
        double[] ws = w.data();
        double[] y = new double[batch * filters * out];
        double[] bias = c.has(2) ? c.f(2).data() : null;
        for (int nb = 0; nb < batch; nb++) {
            for (int f = 0; f < filters; f++) {
                int yOff = (nb * filters + f) * out;
                if (bias != null) {
                    Arrays.fill(y, yOff, yOff + out, bias[f]);
                }
                int firstChannel = f / filtersPerGroup * channelsPerGroup;
                for (int ch = 0; ch < channelsPerGroup; ch++) {
                    int xOff = (nb * channels + firstChannel + ch) * in;
                    int wOff = (f * channelsPerGroup + ch) * ks;
                    for (int q = 0; q < ks; q++) {
                        double wv = ws[wOff + q];
                        int tOff = q * out;
                        for (int p = 0; p < out; p++) {
                            int idx = table.index[tOff + p];
                            if (idx >= 0) {
                                y[yOff + p] += wv * xs[xOff + idx];
                            }
                        }
                    }
                }
            }
        }
        int[] yd = new int[xd.length];
        yd[0] = batch;
        yd[1] = filters;
        System.arraycopy(win.outputDims(), 0, yd, 2, win.outputDims().length);
        return new FloatTensor(Shape.of(yd), y, x.dtype());
    }
}
