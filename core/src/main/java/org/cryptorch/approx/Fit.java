package org.cryptorch.approx;

import java.util.function.DoubleFunction;
import java.util.function.DoubleUnaryOperator;
import org.cryptorch.tensor.LinearSystems;

/**
 * Polynomial fits computed when an approximation is first used (no coefficient tables): least squares on Chebyshev
 * nodes, which is close to the minimax fit, and truncated Chebyshev series.
 */
public final class Fit {
    private static final int MIN_NODES = 64;
    /** The accuracy target of the library: an error within max(ABS_TOLERANCE, REL_TOLERANCE * |exact|) passes. */
    public static final double ABS_TOLERANCE = 1e-3;
    /** See {@link #ABS_TOLERANCE}. */
    public static final double REL_TOLERANCE = 1e-2;

    private Fit() {
    }

    /**
     * Least-squares fit of {@code f} on [lo, hi] by sum c[k] (x / scale)^k over the given exponents; returns c
     * indexed by exponent (zero for exponents not listed).
     */
    public static double[] leastSquares(DoubleUnaryOperator f, double lo, double hi, double scale, int... exponents) {
        int n = Math.max(MIN_NODES, 8 * exponents.length);
        int m = exponents.length;
        double[][] normal = new double[m][m + 1];
        for (int j = 0; j < n; j++) {
            double x = (lo + hi) / 2 + (hi - lo) / 2 * Math.cos(Math.PI * (j + 0.5) / n);
            double u = x / scale;
            double y = f.applyAsDouble(x);
            for (int a = 0; a < m; a++) {
                double ua = Math.pow(u, exponents[a]);
                for (int b = 0; b < m; b++) {
                    normal[a][b] += ua * Math.pow(u, exponents[b]);
                }
                normal[a][m] += ua * y;
            }
        }
        double[] solution = LinearSystems.solve(normal);
        int maxExponent = 0;
        for (int e : exponents) {
            maxExponent = Math.max(maxExponent, e);
        }
        double[] c = new double[maxExponent + 1];
        for (int a = 0; a < m; a++) {
            c[exponents[a]] = solution[a];
        }
        return c;
    }

    /** Exponents 0..degree. */
    public static int[] allUpTo(int degree) {
        int[] e = new int[degree + 1];
        for (int k = 0; k <= degree; k++) {
            e[k] = k;
        }
        return e;
    }

    /** Odd exponents 1, 3, .. up to degree. */
    public static int[] oddUpTo(int degree) {
        int[] e = new int[(degree + 1) / 2];
        for (int i = 0; i < e.length; i++) {
            e[i] = 2 * i + 1;
        }
        return e;
    }

    /**
     * Coefficients of the Chebyshev series of {@code f(range * u)} for u in [-1, 1], truncated at {@code degree}
     * (computed by the discrete cosine sum on many nodes, so it is the truncation, not the interpolant).
     */
    public static double[] chebyshevSeries(DoubleUnaryOperator f, double range, int degree) {
        int n = Math.max(MIN_NODES, 4 * (degree + 1));
        double[] c = new double[degree + 1];
        for (int j = 0; j < n; j++) {
            double theta = Math.PI * (j + 0.5) / n;
            double y = f.applyAsDouble(range * Math.cos(theta));
            for (int k = 0; k <= degree; k++) {
                c[k] += 2.0 / n * y * Math.cos(k * theta);
            }
        }
        c[0] /= 2;
        for (int k = 0; k <= degree; k++) {
            // odd or even functions have exact zeros here; dropping the rounding noise saves the products
            if (Math.abs(c[k]) < 1e-12) {
                c[k] = 0;
            }
        }
        return c;
    }

    /**
     * The fit among limits L = 1.0, 1.1, .., 12.0 with the smallest {@link #worstRatio} on [-(L + 2), L + 2]: a
     * larger L fits the saturation better but the interior worse. Beyond L + 2 the curves we fit only get closer
     * to their asymptotes.
     */
    public static <F extends DoubleUnaryOperator> F bestLimit(DoubleFunction<F> fitWithLimit,
                                                              DoubleUnaryOperator exact) {
        F best = null;
        double bestRatio = Double.POSITIVE_INFINITY;
        for (int tenths = 10; tenths <= 120; tenths++) {
            double limit = tenths / 10.0;
            F p = fitWithLimit.apply(limit);
            double ratio = worstRatio(p, exact, -(limit + 2), limit + 2);
            if (ratio < bestRatio) {
                bestRatio = ratio;
                best = p;
            }
        }
        return best;
    }

    /** Max over 1001 points of [lo, hi] of |approx - exact| / max(ABS_TOLERANCE, REL_TOLERANCE |exact|). */
    public static double worstRatio(DoubleUnaryOperator approx, DoubleUnaryOperator exact, double lo, double hi) {
        double worst = 0;
        int n = 1000;
        for (int i = 0; i <= n; i++) {
            double x = lo + (hi - lo) * i / n;
            double y = exact.applyAsDouble(x);
            double tolerance = Math.max(ABS_TOLERANCE, REL_TOLERANCE * Math.abs(y));
            worst = Math.max(worst, Math.abs(approx.applyAsDouble(x) - y) / tolerance);
        }
        return worst;
    }
}
