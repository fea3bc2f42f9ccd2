package org.cryptorch.mpc;

import java.util.Arrays;
import org.cryptorch.tensor.Shape;

/**
 * Result shapes of the bilinear products, needed before any kernel runs: a triple's derived component and a cost
 * prediction both depend on them. The tensor kernels validate the operands; these only follow their rules.
 */
final class ProductShapes {
    private ProductShapes() {
    }

    /** numpy matmul: 1-D operands promoted and the promoted axis dropped, batch axes broadcast. */
    static Shape matmul(Shape a, Shape b) {
        if (a.rank() == 0 || b.rank() == 0) {
            throw new IllegalArgumentException("matmul needs operands of rank >= 1, got " + a + " and " + b);
        }
        int[] ad = a.rank() == 1 ? new int[] {1, a.dim(0)} : a.dims();
        int[] bd = b.rank() == 1 ? new int[] {b.dim(0), 1} : b.dims();
        if (ad[ad.length - 1] != bd[bd.length - 2]) {
            throw new IllegalArgumentException("matmul inner dimensions differ: " + a + " and " + b);
        }
        Shape batch = Shape.broadcast(Shape.of(Arrays.copyOf(ad, ad.length - 2)),
            Shape.of(Arrays.copyOf(bd, bd.length - 2)));
        int[] out = Arrays.copyOf(batch.dims(), batch.rank() + 2);
        out[batch.rank()] = ad[ad.length - 2];
        out[batch.rank() + 1] = bd[bd.length - 1];
        int keep = out.length - (a.rank() == 1 ? 1 : 0) - (b.rank() == 1 ? 1 : 0);
        int[] result = new int[keep];
        int k = 0;
        for (int i = 0; i < out.length; i++) {
            boolean promotedRow = a.rank() == 1 && i == out.length - 2;
            boolean promotedColumn = b.rank() == 1 && i == out.length - 1;
            if (!promotedRow && !promotedColumn) {
                result[k++] = out[i];
            }
        }
        return Shape.of(result);
    }

    /** NCHW input, OIHW weights; pads are top, left, bottom, right. */
    static Shape conv2d(Shape x, Shape w, int[] strides, int[] pads, int[] dilations, int groups) {
        if (x.rank() != 4 || w.rank() != 4 || strides.length != 2 || pads.length != 4 || dilations.length != 2) {
            throw new IllegalArgumentException("conv2d needs NCHW input, OIHW weights, 2 strides, 4 pads and 2"
                + " dilations, got " + x + ", " + w + ", " + Arrays.toString(strides) + ", " + Arrays.toString(pads)
                + ", " + Arrays.toString(dilations));
        }
        if (groups < 1 || x.dim(1) != w.dim(1) * groups || w.dim(0) % groups != 0) {
            throw new IllegalArgumentException("conv2d groups=" + groups + " do not fit input " + x + " and weights "
                + w);
        }
        int oh = convOutput(x.dim(2), w.dim(2), strides[0], pads[0] + pads[2], dilations[0]);
        int ow = convOutput(x.dim(3), w.dim(3), strides[1], pads[1] + pads[3], dilations[1]);
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException("conv2d kernel " + w + " (dilated) is larger than padded input " + x);
        }
        return Shape.of(x.dim(0), w.dim(0), oh, ow);
    }

    private static int convOutput(int in, int kernel, int stride, int padTotal, int dilation) {
        return Math.floorDiv(in + padTotal - dilation * (kernel - 1) - 1, stride) + 1;
    }
}
