package org.cryptorch.tensor;

import java.util.Arrays;

/** Double matrix products (float reference path; accuracy over speed, but not naive column walks). */
final class DoubleMatmul {
    static final MatmulKernel<double[]> KERNEL = DoubleMatmul::multiply;

    private DoubleMatmul() {
    }

    /** i-k-j loops: the inner loop streams a row of b and of c, which C2 vectorises. */
    static void multiply(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            int row = cOff + i * n;
            Arrays.fill(c, row, row + n, 0.0);
            for (int p = 0; p < k; p++) {
                double x = a[aOff + i * k + p];
                int bRow = bOff + p * n;
                for (int j = 0; j < n; j++) {
                    c[row + j] += x * b[bRow + j];
                }
            }
        }
    }
}
