package org.cryptorch.tensor;

import java.util.Arrays;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Ring (mod 2^64) matrix products. The fast kernel packs B into column strips two vectors wide, blocks over k and
 * over strips so a strip block stays in L2 while four rows of A stay in L1, and computes 4 rows x 2 vectors of C in
 * eight register accumulators (AVX-512 {@code vpmullq}/{@code vpaddq} on zmm registers).
 */
final class LongMatmul {
    static final MatmulKernel<long[]> KERNEL = LongMatmul::multiply;

    private static final VectorSpecies<Long> S = LongVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Width of a packed strip of B (and of the C tile a micro-kernel computes). */
    private static final int STRIP = 2 * L;
    /** Rows of C per micro-kernel. */
    private static final int ROWS = 4;
    /** k-block: 4 rows of A over K_BLOCK (8 KiB) stay in L1 across a block of strips. */
    private static final int K_BLOCK = 256;
    /** Strips per block: K_BLOCK x 16 strips x 16 longs = 512 KiB of packed B, half of L2. */
    private static final int STRIPS_PER_BLOCK = 16;

    private LongMatmul() {
    }

    static void multiply(long[] a, int aOff, long[] b, int bOff, long[] c, int cOff, int m, int k, int n) {
        Arrays.fill(c, cOff, cOff + m * n, 0L);
        // B narrower than a strip would make the tiles mostly padding.
        int tiledRows = n < STRIP ? 0 : m - m % ROWS;
        if (tiledRows > 0) {
            addTiled(a, aOff, b, bOff, c, cOff, tiledRows, k, n);
        }
        addRowByRow(a, aOff, b, bOff, c, cOff, tiledRows, m, k, n);
    }

    /** C[0..rows) += A[0..rows) * B with 4-row tiles; rows is a multiple of 4. */
    private static void addTiled(long[] a, int aOff, long[] b, int bOff, long[] c, int cOff, int rows, int k, int n) {
        long[] packed = pack(b, bOff, k, n);
        int strips = (n + STRIP - 1) / STRIP;
        for (int p0 = 0; p0 < k; p0 += K_BLOCK) {
            int p1 = Math.min(k, p0 + K_BLOCK);
            for (int s0 = 0; s0 < strips; s0 += STRIPS_PER_BLOCK) {
                int s1 = Math.min(strips, s0 + STRIPS_PER_BLOCK);
                for (int i = 0; i < rows; i += ROWS) {
                    for (int s = s0; s < s1; s++) {
                        tile(a, aOff + i * k, k, packed, s, p0, p1, c, cOff + i * n, n);
                    }
                }
            }
        }
    }

    /**
     * C[r0..r1) += A[r0..r1) * B one row at a time (c_row += a[i,p] * b_row, vectorised over columns): for the
     * fewer than four rows left over by the tiles (packing B for them would cost as much as the product itself) and
     * for B narrower than a strip.
     */
    private static void addRowByRow(long[] a, int aOff, long[] b, int bOff, long[] c, int cOff,
                                    int r0, int r1, int k, int n) {
        int upper = S.loopBound(n);
        for (int i = r0; i < r1; i++) {
            int row = cOff + i * n;
            for (int p = 0; p < k; p++) {
                long x = a[aOff + i * k + p];
                int bRow = bOff + p * n;
                int j = 0;
                for (; j < upper; j += L) {
                    LongVector.fromArray(S, b, bRow + j).mul(x).add(LongVector.fromArray(S, c, row + j))
                            .intoArray(c, row + j);
                }
                for (; j < n; j++) {
                    c[row + j] += x * b[bRow + j];
                }
            }
        }
    }

    /** B (k x n) as strips of STRIP columns: packed[(s*k + p)*STRIP + t] = B[p, s*STRIP + t], zero past column n. */
    private static long[] pack(long[] b, int bOff, int k, int n) {
        int strips = (n + STRIP - 1) / STRIP;
        long[] packed = new long[strips * k * STRIP];
        for (int s = 0; s < strips; s++) {
            int col = s * STRIP;
            int width = Math.min(STRIP, n - col);
            for (int p = 0; p < k; p++) {
                System.arraycopy(b, bOff + p * n + col, packed, (s * k + p) * STRIP, width);
            }
        }
        return packed;
    }

    /** C[4 rows at cRow, strip s] += A[4 rows at aRow, p0..p1] * packedB[p0..p1, strip s]. */
    private static void tile(long[] a, int aRow, int k, long[] packed, int s, int p0, int p1,
                             long[] c, int cRow, int n) {
        int a0 = aRow;
        int a1 = a0 + k;
        int a2 = a1 + k;
        int a3 = a2 + k;
        LongVector c00 = LongVector.zero(S);
        LongVector c01 = c00;
        LongVector c10 = c00;
        LongVector c11 = c00;
        LongVector c20 = c00;
        LongVector c21 = c00;
        LongVector c30 = c00;
        LongVector c31 = c00;
        int bp = (s * k + p0) * STRIP;
        for (int p = p0; p < p1; p++, bp += STRIP) {
            LongVector b0 = LongVector.fromArray(S, packed, bp);
            LongVector b1 = LongVector.fromArray(S, packed, bp + L);
            LongVector x = LongVector.broadcast(S, a[a0 + p]);
            c00 = c00.add(x.mul(b0));
            c01 = c01.add(x.mul(b1));
            x = LongVector.broadcast(S, a[a1 + p]);
            c10 = c10.add(x.mul(b0));
            c11 = c11.add(x.mul(b1));
            x = LongVector.broadcast(S, a[a2 + p]);
            c20 = c20.add(x.mul(b0));
            c21 = c21.add(x.mul(b1));
            x = LongVector.broadcast(S, a[a3 + p]);
            c30 = c30.add(x.mul(b0));
            c31 = c31.add(x.mul(b1));
        }
        int col = s * STRIP;
        int width = Math.min(STRIP, n - col);
        int at = cRow + col;
        addToC(c00, c01, c, at, width);
        addToC(c10, c11, c, at + n, width);
        addToC(c20, c21, c, at + 2 * n, width);
        addToC(c30, c31, c, at + 3 * n, width);
    }

    /** c[at .. at+width) += the first {@code width} lanes of (lo, hi). */
    private static void addToC(LongVector lo, LongVector hi, long[] c, int at, int width) {
        if (width == STRIP) {
            lo.add(LongVector.fromArray(S, c, at)).intoArray(c, at);
            hi.add(LongVector.fromArray(S, c, at + L)).intoArray(c, at + L);
            return;
        }
        long[] lanes = new long[STRIP];
        lo.intoArray(lanes, 0);
        hi.intoArray(lanes, L);
        for (int t = 0; t < width; t++) {
            c[at + t] += lanes[t];
        }
    }

    /** Straightforward i-k-j loops: the reference the fast kernel is tested against, and the path for narrow B. */
    static void reference(long[] a, int aOff, long[] b, int bOff, long[] c, int cOff, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            int row = cOff + i * n;
            Arrays.fill(c, row, row + n, 0L);
            for (int p = 0; p < k; p++) {
                long x = a[aOff + i * k + p];
                int bRow = bOff + p * n;
                for (int j = 0; j < n; j++) {
                    c[row + j] += x * b[bRow + j];
                }
            }
        }
    }
}
