package org.cryptorch.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MatmulConvTest {
    private final Random rnd = new Random(11);

    /** Numpy matmul by explicit promotion and coordinate loops. */
    private static long[] referenceMatmul(LongTensor a, LongTensor b, int[] outDims) {
        int[] ad = a.shape().rank() == 1 ? new int[] {1, a.shape().dim(0)} : a.shape().dims();
        int[] bd = b.shape().rank() == 1 ? new int[] {b.shape().dim(0), 1} : b.shape().dims();
        int m = ad[ad.length - 2];
        int k = ad[ad.length - 1];
        int n = bd[bd.length - 1];
        int[] aBatch = Arrays.copyOf(ad, ad.length - 2);
        int[] bBatch = Arrays.copyOf(bd, bd.length - 2);
        int batchRank = Math.max(aBatch.length, bBatch.length);
        int[] batch = new int[batchRank];
        for (int i = 0; i < batchRank; i++) {
            int x = i - (batchRank - aBatch.length) >= 0 ? aBatch[i - (batchRank - aBatch.length)] : 1;
            int y = i - (batchRank - bBatch.length) >= 0 ? bBatch[i - (batchRank - bBatch.length)] : 1;
            batch[i] = Math.max(x, y);
        }
        long[] out = new long[Coords.size(batch) * m * n];
        assertThat(out.length).isEqualTo(Coords.size(outDims));
        for (int t = 0; t < Coords.size(batch); t++) {
            int[] bc = Coords.unflatten(batch, t);
            int aOff = Coords.broadcastSource(aBatch, bc) * m * k;
            int bOff = Coords.broadcastSource(bBatch, bc) * k * n;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    long s = 0;
                    for (int p = 0; p < k; p++) {
                        s += a.data()[aOff + i * k + p] * b.data()[bOff + p * n + j];
                    }
                    out[(t * m + i) * n + j] = s;
                }
            }
        }
        return out;
    }

    private void checkMatmul(int[] aDims, int[] bDims, int[] outDims) {
        LongTensor a = Coords.randomLong(rnd, aDims);
        LongTensor b = Coords.randomLong(rnd, bDims);
        LongTensor c = a.matmul(b);
        assertThat(c.shape()).isEqualTo(Shape.of(outDims));
        assertThat(c.data()).containsExactly(referenceMatmul(a, b, outDims));
        LongTensor sa = Coords.smallLong(rnd, aDims);
        LongTensor sb = Coords.smallLong(rnd, bDims);
        FloatTensor fc = Coords.toFloat(sa).matmul(Coords.toFloat(sb));
        assertThat(fc.shape()).isEqualTo(Shape.of(outDims));
        assertThat(fc.data()).containsExactly(Coords.toFloat(sa.matmul(sb)).data());
    }

    @Test
    void matmulFollowsNumpyShapes() {
        checkMatmul(new int[] {3, 4}, new int[] {4, 5}, new int[] {3, 5});
        checkMatmul(new int[] {2, 3, 4}, new int[] {4, 5}, new int[] {2, 3, 5});
        checkMatmul(new int[] {4}, new int[] {4, 5}, new int[] {5});
        checkMatmul(new int[] {3, 4}, new int[] {4}, new int[] {3});
        checkMatmul(new int[] {4}, new int[] {4}, new int[] {});
        checkMatmul(new int[] {2, 4}, new int[] {3, 4, 2}, new int[] {3, 2, 2});
        checkMatmul(new int[] {2, 1, 3, 4}, new int[] {5, 4, 2}, new int[] {2, 5, 3, 2});
        checkMatmul(new int[] {3, 0}, new int[] {0, 2}, new int[] {3, 2});
        checkMatmul(new int[] {0, 3}, new int[] {3, 2}, new int[] {0, 2});
        checkMatmul(new int[] {33, 70}, new int[] {70, 41}, new int[] {33, 41});
    }

    @Test
    void matmulRejectsBadShapes() {
        assertThatThrownBy(() -> Coords.iota(2, 3).matmul(Coords.iota(2, 3))).hasMessageContaining("inner dimensions");
        assertThatThrownBy(() -> LongTensor.scalar(1).matmul(Coords.iota(1))).hasMessageContaining("rank >= 1");
        assertThatThrownBy(() -> Coords.iota(2, 1, 1).matmul(Coords.iota(3, 1, 1))).hasMessageContaining("broadcast");
    }

    /** Direct convolution loops (ONNX Conv semantics). */
    private static long[] referenceConv(LongTensor x, LongTensor w, int[] st, int[] pads, int[] dil, int groups,
                                        int oh, int ow) {
        int nB = x.shape().dim(0);
        int c = x.shape().dim(1);
        int h = x.shape().dim(2);
        int wd = x.shape().dim(3);
        int o = w.shape().dim(0);
        int cg = w.shape().dim(1);
        int kh = w.shape().dim(2);
        int kw = w.shape().dim(3);
        int og = o / groups;
        long[] out = new long[nB * o * oh * ow];
        for (int b = 0; b < nB; b++) {
            for (int oc = 0; oc < o; oc++) {
                int g = oc / og;
                for (int y = 0; y < oh; y++) {
                    for (int xo = 0; xo < ow; xo++) {
                        long s = 0;
                        for (int ic = 0; ic < cg; ic++) {
                            for (int ky = 0; ky < kh; ky++) {
                                for (int kx = 0; kx < kw; kx++) {
                                    int iy = y * st[0] + ky * dil[0] - pads[0];
                                    int ix = xo * st[1] + kx * dil[1] - pads[1];
                                    if (iy >= 0 && iy < h && ix >= 0 && ix < wd) {
                                        s += x.data()[((b * c + g * cg + ic) * h + iy) * wd + ix]
                                                * w.data()[((oc * cg + ic) * kh + ky) * kw + kx];
                                    }
                                }
                            }
                        }
                        out[((b * o + oc) * oh + y) * ow + xo] = s;
                    }
                }
            }
        }
        return out;
    }

    private void checkConv(int[] xDims, int[] wDims, int[] st, int[] pads, int[] dil, int groups, int[] outDims) {
        LongTensor x = Coords.randomLong(rnd, xDims);
        LongTensor w = Coords.randomLong(rnd, wDims);
        LongTensor y = x.conv2d(w, st, pads, dil, groups);
        assertThat(y.shape()).isEqualTo(Shape.of(outDims));
        assertThat(y.data()).containsExactly(referenceConv(x, w, st, pads, dil, groups, outDims[2], outDims[3]));
        LongTensor sx = Coords.smallLong(rnd, xDims);
        LongTensor sw = Coords.smallLong(rnd, wDims);
        FloatTensor fy = Coords.toFloat(sx).conv2d(Coords.toFloat(sw), st, pads, dil, groups);
        assertThat(fy.data()).containsExactly(Coords.toFloat(sx.conv2d(sw, st, pads, dil, groups)).data());
    }

    @Test
    void conv2dMatchesDirectLoops() {
        int[] one = {1, 1};
        checkConv(new int[] {1, 2, 5, 5}, new int[] {3, 2, 3, 3}, one, new int[] {1, 1, 1, 1}, one, 1,
                new int[] {1, 3, 5, 5});
        checkConv(new int[] {2, 3, 7, 6}, new int[] {4, 3, 3, 2}, new int[] {2, 1}, new int[] {0, 2, 1, 0}, one, 1,
                new int[] {2, 4, 3, 7});
        checkConv(new int[] {1, 4, 9, 9}, new int[] {6, 2, 3, 3}, new int[] {1, 2}, new int[] {2, 2, 2, 2},
                new int[] {2, 3}, 2, new int[] {1, 6, 9, 4});
        checkConv(new int[] {1, 3, 4, 4}, new int[] {3, 1, 3, 3}, one, new int[] {1, 1, 1, 1}, one, 3,
                new int[] {1, 3, 4, 4});
        checkConv(new int[] {1, 2, 3, 3}, new int[] {2, 2, 1, 1}, one, new int[] {0, 0, 0, 0}, one, 1,
                new int[] {1, 2, 3, 3});
    }

    @Test
    void conv2dRejectsBadArguments() {
        LongTensor x = Coords.iota(1, 4, 3, 3);
        LongTensor w = Coords.iota(2, 2, 3, 3);
        int[] one = {1, 1};
        int[] zero4 = {0, 0, 0, 0};
        assertThatThrownBy(() -> x.conv2d(w, one, zero4, one, 1)).hasMessageContaining("groups=1");
        assertThatThrownBy(() -> x.conv2d(w, one, new int[] {0, 0}, one, 2)).hasMessageContaining("pads needs 4");
        assertThatThrownBy(() -> x.conv2d(w, new int[] {0, 1}, zero4, one, 2)).hasMessageContaining("positive");
        assertThatThrownBy(() -> x.conv2d(w, one, zero4, new int[] {2, 2}, 2)).hasMessageContaining("larger than");
        assertThatThrownBy(() -> Coords.iota(4, 3, 3).conv2d(w, one, zero4, one, 2)).hasMessageContaining("NCHW");
    }
}
