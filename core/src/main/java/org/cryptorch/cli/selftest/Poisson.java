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
        if (mean == 0) {
            return 0;
        }
        // Terms in log space: for a large mean, e^-mean underflows although the terms near the mean do not.
        double logMean = Math.log(mean);
        double logTerm = -mean;
        double cdf = Math.exp(logTerm);
        long k = 0;
        while (1 - cdf >= tail) {
            k++;
            logTerm += logMean - Math.log(k);
            cdf += Math.exp(logTerm);
        }
        return k;
    }
}
