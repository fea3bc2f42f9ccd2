package org.cryptorch.mpc;

/** Straightforward plaintext ring products used as references for the secure matmul and conv2d. */
final class PlainProducts {
    private PlainProducts() {
    }

    /** [batch, m, k] x [k, n] (yBatched false) or [batch, k, n] (yBatched true), row-major. */
    static long[] matmul(long[] x, long[] y, int batch, int m, int k, int n, boolean yBatched) {
        long[] out = new long[batch * m * n];
        for (int t = 0; t < batch; t++) {
            int yOff = yBatched ? t * k * n : 0;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    long s = 0;
                    for (int q = 0; q < k; q++) {
                        s += x[t * m * k + i * k + q] * y[yOff + q * n + j];
                    }
                    out[t * m * n + i * n + j] = s;
                }
            }
        }
        return out;
    }

    /** NCHW x OIHW convolution with pads top, left, bottom, right. */
    static long[] conv2d(long[] x, int[] xd, long[] w, int[] wd, int[] strides, int[] pads, int[] dil, int groups,
                         int oh, int ow) {
        int nb = xd[0];
        int c = xd[1];
        int h = xd[2];
        int wi = xd[3];
        int o = wd[0];
        int cg = wd[1];
        int kh = wd[2];
        int kw = wd[3];
        int og = o / groups;
        long[] out = new long[nb * o * oh * ow];
        for (int b = 0; b < nb; b++) {
            for (int oc = 0; oc < o; oc++) {
                int g = oc / og;
                for (int y = 0; y < oh; y++) {
                    for (int xx = 0; xx < ow; xx++) {
                        long s = 0;
                        for (int ic = 0; ic < cg; ic++) {
                            for (int ky = 0; ky < kh; ky++) {
                                for (int kx = 0; kx < kw; kx++) {
                                    int iy = y * strides[0] - pads[0] + ky * dil[0];
                                    int ix = xx * strides[1] - pads[1] + kx * dil[1];
                                    if (iy >= 0 && iy < h && ix >= 0 && ix < wi) {
                                        int chan = g * cg + ic;
                                        s += x[((b * c + chan) * h + iy) * wi + ix]
                                            * w[((oc * cg + ic) * kh + ky) * kw + kx];
                                    }
                                }
                            }
                        }
                        out[((b * o + oc) * oh + y) * ow + xx] = s;
                    }
                }
            }
        }
        return out;
    }
}
