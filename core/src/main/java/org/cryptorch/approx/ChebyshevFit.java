package org.cryptorch.approx;

import java.util.function.DoubleUnaryOperator;
import org.cryptorch.ir.Value;

/**
 * A polynomial interpolating {@code f} at the Chebyshev nodes of {@code [lo, hi]} (near-minimax), kept as monomial
 * coefficients in the normalised variable {@code t = (2x - lo - hi) / (hi - lo)} in [-1, 1]: coefficients in t stay
 * small, which keeps the fixed-point evaluation accurate.
 */
record ChebyshevFit(double lo, double hi, double[] coefficients) {

    static ChebyshevFit of(DoubleUnaryOperator f, double lo, double hi, int degree) {
        int n = degree + 1;
        double[] cheb = new double[n];
        for (int k = 0; k < n; k++) {
            double theta = Math.PI * (k + 0.5) / n;
            double fx = f.applyAsDouble((lo + hi) / 2 + (hi - lo) / 2 * Math.cos(theta));
            for (int j = 0; j < n; j++) {
                cheb[j] += 2.0 / n * fx * Math.cos(j * theta);
            }
        }
        cheb[0] /= 2;
        return new ChebyshevFit(lo, hi, toMonomial(cheb));
    }

    /** Sums c_j T_j(t) as monomial coefficients, with T_{j+1} = 2t T_j - T_{j-1}. */
    private static double[] toMonomial(double[] cheb) {
        int n = cheb.length;
        double[] out = new double[n];
        double[] prev = new double[n];
        double[] cur = new double[n];
        prev[0] = 1;
        if (n > 1) {
            cur[1] = 1;
        }
        for (int j = 0; j < n; j++) {
            double[] tj = j == 0 ? prev : cur;
            for (int i = 0; i < n; i++) {
                out[i] += cheb[j] * tj[i];
            }
            if (j >= 1 && j + 1 < n) {
                double[] next = new double[n];
                for (int i = 0; i + 1 < n; i++) {
                    next[i + 1] = 2 * cur[i];
                }
                for (int i = 0; i < n; i++) {
                    next[i] -= prev[i];
                }
                prev = cur;
                cur = next;
            }
        }
        return out;
    }

    /** Emits the polynomial on {@code x}: the change of variable is local, then Horner's rule. */
    Value emit(Emitter e, Value x) {
        Value t = e.addConst(e.mulConst(x, 2 / (hi - lo)), -(hi + lo) / (hi - lo));
        return e.polynomial(t, coefficients);
    }
}
