package org.cryptorch.cli.selftest;

/**
 * Tail bounds for the count of rare independent events with known probabilities: a Poisson binomial count, whose
 * upper tail above its mean is approximated from above by the Poisson tail of the same mean.
 */
final class Poisson {
    private Poisson() {
    }

    /** The smallest k with P(X > k) < {@code tail} for X ~ Poisson(mean). */
    static long quantile(double mean, double tail) {
        double term = Math.exp(-mean);
        double cdf = term;
        long k = 0;
        while (1 - cdf >= tail) {
            k++;
            term *= mean / k;
            cdf += term;
        }
        return k;
    }
}
