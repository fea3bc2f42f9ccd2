package org.cryptorch.tensor;

/** Small dense linear systems, as least-squares fits produce them (normal equations of a few unknowns). */
public final class LinearSystems {
    /** A pivot smaller than this in magnitude marks a direction the system does not determine. */
    private static final double SINGULAR_PIVOT = 1e-12;

    private LinearSystems() {
    }

    /**
     * Solves the augmented m x (m+1) system {@code a} (overwritten) by Gaussian elimination with partial pivoting
     * and back substitution. An unknown whose pivot vanishes (a direction the data does not determine) gets 0.
     */
    public static double[] solve(double[][] a) {
        int m = a.length;
        for (int col = 0; col < m; col++) {
            int pivot = col;
            for (int r = col + 1; r < m; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            if (Math.abs(a[col][col]) < SINGULAR_PIVOT) {
                continue;
            }
            for (int r = col + 1; r < m; r++) {
                double factor = a[r][col] / a[col][col];
                for (int k = col; k <= m; k++) {
                    a[r][k] -= factor * a[col][k];
                }
            }
        }
        double[] x = new double[m];
        for (int r = m - 1; r >= 0; r--) {
            if (Math.abs(a[r][r]) < SINGULAR_PIVOT) {
                continue;
            }
            double s = a[r][m];
            for (int k = r + 1; k < m; k++) {
                s -= a[r][k] * x[k];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }
}
