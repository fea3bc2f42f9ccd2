package org.cryptorch.tensor;

/** Ring (mod 2^64) matrix products. */
final class LongMatmul {
    static final MatmulKernel<long[]> KERNEL = LongMatmul::reference;

    private LongMatmul() {
    }

    /** Straightforward i-k-j loops; the reference the fast kernel is tested against. */
    static void reference(long[] a, int aOff, long[] b, int bOff, long[] c, int cOff, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            int row = cOff + i * n;
            java.util.Arrays.fill(c, row, row + n, 0L);
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
