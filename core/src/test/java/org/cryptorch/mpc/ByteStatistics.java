package org.cryptorch.mpc;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chi-square tests on the bytes of ring words, binned by (byte position within the word, byte value) so that a
 * leak confined to some bit positions (such as the high bytes of small values) is not averaged away.
 */
final class ByteStatistics {
    static final int BINS = 8 * 256;

    private ByteStatistics() {
    }

    static long[] histogram(long[] words) {
        long[] h = new long[BINS];
        for (long w : words) {
            for (int b = 0; b < 8; b++) {
                h[b * 256 + (int) ((w >>> (8 * b)) & 0xff)]++;
            }
        }
        return h;
    }

    /** Chi-square statistic of the histogram against the uniform distribution (BINS-1 degrees of freedom). */
    static double uniformity(long[] h) {
        long perPosition = 0;
        for (int v = 0; v < 256; v++) {
            perPosition += h[v];
        }
        double expected = perPosition / 256.0;
        double chi = 0;
        for (long count : h) {
            chi += (count - expected) * (count - expected) / expected;
        }
        return chi;
    }

    /** Chi-square statistic of homogeneity between two histograms of equal totals (BINS-1 degrees of freedom). */
    static double twoSample(long[] h1, long[] h2) {
        double chi = 0;
        for (int i = 0; i < h1.length; i++) {
            long sum = h1[i] + h2[i];
            if (sum > 0) {
                double diff = h1[i] - h2[i];
                chi += diff * diff / sum;
            }
        }
        return chi;
    }

    /**
     * Asserts that words a party received with one choice of secrets ({@code first}) and with another
     * ({@code second}) are each uniform and come from the same distribution, printing the three statistics after
     * {@code what}.
     */
    static void assertUniformAndIndependent(String what, long[] first, long[] second) {
        long[] h1 = histogram(first);
        long[] h2 = histogram(second);
        double u1 = uniformity(h1);
        double u2 = uniformity(h2);
        double same = twoSample(h1, h2);
        double critical = criticalValue();
        System.out.printf("%s: chi2 uniform %.0f / %.0f, two-sample %.0f (critical %.0f, %d dof)%n", what, u1, u2,
            same, critical, BINS - 1);
        assertThat(u1).as("uniformity, first secrets: %s", what).isLessThan(critical);
        assertThat(u2).as("uniformity, second secrets: %s", what).isLessThan(critical);
        assertThat(same).as("same distribution for both secrets: %s", what).isLessThan(critical);
    }

    /**
     * The chi-square value exceeded with probability about 10^-4 at {@code BINS-1} degrees of freedom
     * (Wilson-Hilferty approximation).
     */
    static double criticalValue() {
        double k = BINS - 1;
        double z = 3.719;
        double t = 1 - 2 / (9 * k) + z * Math.sqrt(2 / (9 * k));
        return k * t * t * t;
    }
}
