package org.cryptorch.reference;

import java.util.Arrays;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * ONNX ConvTranspose over any number of spatial axes: every input element scatters its products with the kernel
 * into the output at {@code p * stride + q * dilation - pad_begin}. Output size and pads follow the spec's rules
 * for output_shape, output_padding and auto_pad.
 */
final class ConvTranspose {
    private ConvTranspose() {
    }

    static Tensor apply(Call c) {
        FloatTensor x = c.f(0);
        FloatTensor w = c.f(1);
        int[] xd = x.shape().dims();
        int[] wd = w.shape().dims();
        int r = xd.length - 2;
        int group = (int) c.attr("group", 1L);
        if (r < 1 || wd.length != xd.length || wd[0] != xd[1] || xd[1] % group != 0) {
            throw c.error("input " + x.shape() + " and weight " + w.shape() + " do not match with group " + group);
        }
        int[] in = Arrays.copyOfRange(xd, 2, xd.length);
        int[] kernel = Arrays.copyOfRange(wd, 2, wd.length);
        int[] strides = ints(c, "strides", r, 1);
        int[] dilations = ints(c, "dilations", r, 1);
        int[] outputPadding = ints(c, "output_padding", r, 0);
        int[] pads = ints(c, "pads", 2 * r, 0);
        int[] out = new int[r];
        long[] outputShape = c.ints("output_shape");
        String autoPad = c.attr("auto_pad", "NOTSET");
        for (int a = 0; a < r; a++) {
            int full = strides[a] * (in[a] - 1) + outputPadding[a] + (kernel[a] - 1) * dilations[a] + 1;
            if (outputShape != null || !autoPad.equals("NOTSET") && !autoPad.equals("VALID")) {
                out[a] = outputShape != null ? (int) outputShape[outputShape.length - r + a] : in[a] * strides[a];
                int total = full - out[a];
                int half = Math.floorDiv(total, 2);
                pads[a] = autoPad.equals("SAME_UPPER") ? half : total - half;
                pads[a + r] = total - pads[a];
            } else {
                if (autoPad.equals("VALID")) {
                    pads[a] = 0;
                    pads[a + r] = 0;
                }
                out[a] = full - pads[a] - pads[a + r];
            }
        }
        int[] target = scatterTable(in, kernel, out, strides, dilations, pads);
        int inSize = Shape.of(in).size();
        int outSize = Shape.of(out).size();
        int kSize = Shape.of(kernel).size();
        int batch = xd[0];
        int channels = xd[1];
        int channelsPerGroup = channels / group;
        int filtersPerGroup = wd[1];
        int filters = filtersPerGroup * group;
        double[] xs = x.data();
        double[] ws = w.data();
        double[] y = new double[batch * filters * outSize];
        for (int nb = 0; nb < batch; nb++) {
            for (int ch = 0; ch < channels; ch++) {
                int xOff = (nb * channels + ch) * inSize;
                int g = ch / channelsPerGroup;
                for (int m = 0; m < filtersPerGroup; m++) {
                    int yOff = (nb * filters + g * filtersPerGroup + m) * outSize;
                    int wOff = (ch * filtersPerGroup + m) * kSize;
                    for (int q = 0; q < kSize; q++) {
                        double wv = ws[wOff + q];
                        for (int p = 0; p < inSize; p++) {
                            int o = target[q * inSize + p];
                            if (o >= 0) {
                                y[yOff + o] += wv * xs[xOff + p];
                            }
                        }
                    }
                }
            }
        }
        int[] yd = new int[xd.length];
        yd[0] = batch;
        yd[1] = filters;
        System.arraycopy(out, 0, yd, 2, r);
        FloatTensor result = new FloatTensor(Shape.of(yd), y, x.dtype());
        if (!c.has(2)) {
            return result;
        }
        int[] biasDims = new int[xd.length];
        Arrays.fill(biasDims, 1);
        biasDims[1] = filters;
        return result.add(c.f(2).reshape(Shape.of(biasDims)));
    }

    /** {@code table[q * inSize + p]}: flat output position reached by input p through kernel offset q, or -1. */
    private static int[] scatterTable(int[] in, int[] kernel, int[] out, int[] strides, int[] dilations,
                                      int[] pads) {
        int r = in.length;
        int inSize = Shape.of(in).size();
        int kSize = Shape.of(kernel).size();
        int[] outStrides = Shape.of(out).strides();
        int[] table = new int[kSize * inSize];
        int[] q = new int[r];
        int[] p = new int[r];
        for (int qi = 0; qi < kSize; qi++) {
            WindowTable.unflatten(qi, kernel, q);
            for (int pi = 0; pi < inSize; pi++) {
                WindowTable.unflatten(pi, in, p);
                int flat = 0;
                for (int a = 0; a < r && flat >= 0; a++) {
                    int o = p[a] * strides[a] + q[a] * dilations[a] - pads[a];
                    flat = o < 0 || o >= out[a] ? -1 : flat + o * outStrides[a];
                }
                table[qi * inSize + pi] = flat;
            }
        }
        return table;
    }

    private static int[] ints(Call c, String key, int n, int dflt) {
        long[] v = c.ints(key);
        int[] r = new int[n];
        Arrays.fill(r, dflt);
        if (v != null) {
            if (v.length != n) {
                throw c.error("attribute " + key + " has " + v.length + " entries, expected " + n);
            }
            for (int i = 0; i < n; i++) {
                r[i] = Math.toIntExact(v[i]);
            }
        }
        return r;
    }
}
