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
        Ops.single("MatMul", c -> ElementwiseOps.toFloat(c.in(0)).matmul(ElementwiseOps.toFloat(c.in(1))));
        Ops.single("Gemm", LinearOps::gemm);
        Ops.single("Conv", LinearOps::conv);
    }

    private static Tensor gemm(Call c) {
        FloatTensor a = c.f(0);
        FloatTensor b = c.f(1);
        if (c.attr("transA", 0L) != 0) {
            a = a.transposeLast2();
        }
        if (c.attr("transB", 0L) != 0) {
            b = b.transposeLast2();
        }
        double alpha = c.attr("alpha", 1.0);
        double beta = c.attr("beta", 1.0);
        FloatTensor y = a.matmul(b).map(v -> alpha * v);
        return c.has(2) ? y.zip(c.f(2), (v, bias) -> v + beta * bias) : y;
    }

    /** 1-D and 2-D convolutions run on the tensor package's conv2d; other ranks on the generic window table. */
    private static Tensor conv(Call c) {
        FloatTensor x = c.f(0);
        FloatTensor w = c.f(1);
        int[] xd = x.shape().dims();
        int[] wd = w.shape().dims();
        if (xd.length < 3 || wd.length != xd.length) {
            throw c.error("input " + x.shape() + " and weight " + w.shape() + " do not match");
        }
        int group = (int) c.attr("group", 1L);
        if (xd[1] != wd[1] * group || wd[0] % group != 0) {
            throw c.error("input channels " + xd[1] + " do not match weight " + w.shape() + " with group " + group);
        }
        SpatialWindow win = SpatialWindow.of(c.node(), Arrays.copyOfRange(xd, 2, xd.length),
            Arrays.copyOfRange(wd, 2, wd.length));
        FloatTensor y = switch (xd.length) {
            case 3 -> conv1d(x, w, win, group);
            case 4 -> x.conv2d(w, win.strides(), win.pads(), win.dilations(), group);
            default -> convNd(x, w, win, group);
        };
        if (!c.has(2)) {
            return y;
        }
        int[] biasDims = new int[xd.length];
        Arrays.fill(biasDims, 1);
        biasDims[1] = wd[0];
        return y.add(c.f(2).reshape(Shape.of(biasDims)));
    }

    /** A 1-D convolution is a 2-D one over a height of 1. */
    private static FloatTensor conv1d(FloatTensor x, FloatTensor w, SpatialWindow win, int group) {
        int[] xd = x.shape().dims();
        int[] wd = w.shape().dims();
        FloatTensor y = x.reshape(Shape.of(xd[0], xd[1], 1, xd[2])).conv2d(
            w.reshape(Shape.of(wd[0], wd[1], 1, wd[2])), new int[] {1, win.strides()[0]},
            new int[] {0, win.pads()[0], 0, win.pads()[1]}, new int[] {1, win.dilations()[0]}, group);
        return y.reshape(Shape.of(xd[0], wd[0], win.outputDims()[0]));
    }

    /** Convolution over any number of spatial axes (3-D volumes), looping over the window table. */
    private static FloatTensor convNd(FloatTensor x, FloatTensor w, SpatialWindow win, int group) {
        int[] xd = x.shape().dims();
        int[] wd = w.shape().dims();
        WindowTable table = new WindowTable(win);
        int batch = xd[0];
        int channels = xd[1];
        int filters = wd[0];
        int channelsPerGroup = wd[1];
        int filtersPerGroup = filters / group;
        int in = table.inputSize;
        int out = table.outputSize;
        int ks = table.kernelSize;
        double[] xs = x.data();
        double[] ws = w.data();
        double[] y = new double[batch * filters * out];
        for (int nb = 0; nb < batch; nb++) {
            for (int f = 0; f < filters; f++) {
                int yOff = (nb * filters + f) * out;
                int firstChannel = f / filtersPerGroup * channelsPerGroup;
                for (int ch = 0; ch < channelsPerGroup; ch++) {
                    int xOff = (nb * channels + firstChannel + ch) * in;
                    int wOff = (f * channelsPerGroup + ch) * ks;
                    for (int q = 0; q < ks; q++) {
                        double wv = ws[wOff + q];
                        for (int p = 0; p < out; p++) {
                            int idx = table.index[q * out + p];
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
