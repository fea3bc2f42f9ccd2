package org.cryptorch.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Double matrix products for the float reference path: B is transposed once so every output element is a
 * contiguous dot product, summed in vector lanes (C2 does not vectorise a floating-point reduction by itself).
 */
final class DoubleMatmul {
    static final MatmulKernel<double[]> KERNEL = DoubleMatmul::multiply;

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    private DoubleMatmul() {
    }

    static void multiply(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n) {
        double[] bt = new double[n * k];
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < n; j++) {
                bt[j * k + p] = b[bOff + p * n + j];
            }
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                c[cOff + i * n + j] = dot(a, aOff + i * k, bt, j * k, k);
            }
        }
    }

    private static double dot(double[] x, int xOff, double[] y, int yOff, int len) {
        DoubleVector acc = DoubleVector.zero(S);
        int p = 0;
        for (int upper = S.loopBound(len); p < upper; p += S.length()) {
            acc = DoubleVector.fromArray(S, x, xOff + p).fma(DoubleVector.fromArray(S, y, yOff + p), acc);
        }
        double s = acc.reduceLanes(VectorOperators.ADD);
        for (; p < len; p++) {
            s += x[xOff + p] * y[yOff + p];
        }
        return s;
    }
}
