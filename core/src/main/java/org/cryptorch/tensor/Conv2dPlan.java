package org.cryptorch.tensor;

import java.util.Arrays;

/**
 * A 2-D convolution (NCHW input, OIHW weights, no bias) as im2col plus one matrix product per (image, group): the
 * column matrix of group g holds, for each (input channel, ky, kx) row and each output pixel, the input element under
 * that kernel tap or {@link IndexMap#FILL} for padding.
 */
final class Conv2dPlan {
    private final int batch;
    private final int groups;
    private final int outChannels;
    private final int columnRows;
    private final int pixels;
    private final Shape outShape;
    private final IndexMap im2col;

    Conv2dPlan(Shape x, Shape w, int[] strides, int[] pads, int[] dilations, int groups) {
        if (x.rank() != 4 || w.rank() != 4) {
            throw new IllegalArgumentException("conv2d needs NCHW input and OIHW weights, got " + x + " and " + w);
        }
        requireLength("strides", strides, 2);
        requireLength("pads", pads, 4);
        requireLength("dilations", dilations, 2);
        int c = x.dim(1);
        int o = w.dim(0);
        if (groups < 1 || c % groups != 0 || o % groups != 0 || w.dim(1) != c / groups) {
            throw new IllegalArgumentException("conv2d groups=" + groups + " do not fit input " + x + " and weights " + w);
        }
        for (int i = 0; i < 2; i++) {
            if (strides[i] < 1 || dilations[i] < 1) {
                throw new IllegalArgumentException("conv2d strides " + Arrays.toString(strides) + " and dilations "
                        + Arrays.toString(dilations) + " must be positive");
            }
        }
        for (int p : pads) {
            if (p < 0) {
                throw new IllegalArgumentException("conv2d pads " + Arrays.toString(pads) + " must not be negative");
            }
        }
        int kh = w.dim(2);
        int kw = w.dim(3);
        int oh = outputSize(x.dim(2), kh, strides[0], pads[0] + pads[2], dilations[0]);
        int ow = outputSize(x.dim(3), kw, strides[1], pads[1] + pads[3], dilations[1]);
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException("conv2d kernel " + w + " (dilated) is larger than padded input " + x);
        }
        this.batch = x.dim(0);
        this.groups = groups;
        this.outChannels = o;
        this.columnRows = (c / groups) * kh * kw;
        this.pixels = oh * ow;
        this.outShape = Shape.of(batch, o, oh, ow);
        this.im2col = IndexMap.im2col(x, kh, kw, oh, ow, strides, pads, dilations);
    }

    private static int outputSize(int in, int kernel, int stride, int padTotal, int dilation) {
        return Math.floorDiv(in + padTotal - dilation * (kernel - 1) - 1, stride) + 1;
    }

    private static void requireLength(String name, int[] values, int length) {
        if (values.length != length) {
            throw new IllegalArgumentException("conv2d " + name + " needs " + length + " values, got "
                    + Arrays.toString(values));
        }
    }

    Shape outShape() {
        return outShape;
    }

    /** Maps the input to its column matrices, shape [N, C*kh*kw, OH*OW] (groups are consecutive row blocks). */
    IndexMap im2col() {
        return im2col;
    }

    /** out[n, g-th block of O] = w[g-th block of O] · columns[n, g-th block of rows]. */
    <A> void run(MatmulKernel<A> kernel, A columns, A weights, A out) {
        int groupOut = outChannels / groups;
        for (int img = 0; img < batch; img++) {
            for (int g = 0; g < groups; g++) {
                kernel.multiply(weights, g * groupOut * columnRows,
                        columns, (img * groups + g) * columnRows * pixels,
                        out, (img * outChannels + g * groupOut) * pixels, groupOut, columnRows, pixels);
            }
        }
    }
}
