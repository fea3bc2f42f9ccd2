package org.cryptorch.reference;

/** Special functions the JDK lacks, to double precision. */
public final class SpecialFunctions {
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    private SpecialFunctions() {
    }

    /**
     * The error function: its Maclaurin series for |x| < 3 (terms stay below e^9, so about 12 correct digits
     * survive the cancellation) and the continued fraction of erfc beyond, where the series would cancel badly.
     */
    public static double erf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double ax = Math.abs(x);
        if (ax < 3) {
            double sum = 0;
            double term = x;
            double x2 = x * x;
            for (int n = 0; n < 200; n++) {
                double contribution = term / (2 * n + 1);
                sum += contribution;
                if (Math.abs(contribution) < 1e-17 * Math.abs(sum)) {
                    break;
                }
                term *= -x2 / (n + 1);
            }
            return TWO_OVER_SQRT_PI * sum;
        }
        double erfc = erfcContinuedFraction(ax);
        return Math.copySign(1 - erfc, x);
    }

    /** erfc(x) for x >= 3 by the Laplace continued fraction, evaluated bottom-up. */
    private static double erfcContinuedFraction(double x) {
        double f = x;
        for (int k = 60; k >= 1; k--) {
            f = x + (k / 2.0) / f;
        }
        return Math.exp(-x * x) / (Math.sqrt(Math.PI) * f);
    }
}
