package org.cryptorch.mpc;

import java.util.SplittableRandom;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Statistical checks of the documented error bounds of both truncations (f = 16, about 10^6 samples). */
class TruncationTest {
    private static final int F = TwoParties.FRACTIONAL_BITS;
    private static final int SAMPLES = 1 << 20;

    /** Histogram of result - floor(x/2^f), with the expected number of +1 errors (sum of the fractional parts). */
    private record ErrorHistogram(long zero, long plusOne, long other, double expectedPlusOne, double variance) {
        static ErrorHistogram of(long[] x, long[] result) {
            long zero = 0;
            long plusOne = 0;
            long other = 0;
            double expected = 0;
            double variance = 0;
            for (int i = 0; i < x.length; i++) {
                long err = result[i] - (x[i] >> F);
                double frac = (x[i] & ((1L << F) - 1)) / (double) (1L << F);
                expected += frac;
                variance += frac * (1 - frac);
                if (err == 0) {
                    zero++;
                } else if (err == 1) {
                    plusOne++;
                } else {
                    other++;
                }
            }
            return new ErrorHistogram(zero, plusOne, other, expected, variance);
        }

        /** The +1 errors occur with probability frac(x/2^f): stochastic rounding without bias. */
        void assertUnbiasedRounding() {
            assertThat(other).as("errors outside {0, +1} ulp").isZero();
            assertThat(Math.abs(plusOne - expectedPlusOne)).as("+1 count %d vs expected %.0f", plusOne,
                expectedPlusOne).isLessThan(6 * Math.sqrt(variance) + 1);
        }
    }

    private static LongTensor[][] sharedSamples(long limit, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        LongTensor x = Shares.values(Shape.of(SAMPLES), limit, rnd);
        // a sixteenth of the samples are exact multiples of 2^f, which must come out exact
        long[] v = x.data();
        for (int i = 100; i < v.length; i += 16) {
            v[i] &= -1L << F;
        }
        return new LongTensor[][] {{x}, Shares.split(x, rnd)};
    }

    @Test
    void dealerTruncationErrsByAtMostOneUlpUpToTheRangeLimit() {
        LongTensor[][] data = sharedSamples(1L << 62, 11);
        long[] x = data[0][0].data();
        var run = TwoParties.run(12, p -> Arithmetic.truncateWithDealer(p, data[1][p.id()], F));
        long[] z = Shares.combine(run.result0(), run.result1());
        ErrorHistogram h = ErrorHistogram.of(x, z);
        System.out.println("trunc_dealer over [-2^62, 2^62): " + h);
        h.assertUnbiasedRounding();
        for (int i = 100; i < x.length; i += 16) {
            assertThat(z[i]).as("multiple of 2^f at %d", i).isEqualTo(x[i] >> F);
        }
        run.assertCost(ArithmeticCosts.truncateWithDealer(SAMPLES));
    }

    @Test
    void localTruncationErrsByAtMostOneUlpForSmallValues() {
        // failure probability per element is below 2^32/2^64, so a million samples should see none
        LongTensor[][] data = sharedSamples(1L << 32, 13);
        long[] x = data[0][0].data();
        var run = TwoParties.run(14, p -> Arithmetic.truncateLocal(p, data[1][p.id()], F));
        ErrorHistogram h = ErrorHistogram.of(x, Shares.combine(run.result0(), run.result1()));
        System.out.println("trunc_local over [-2^32, 2^32): " + h);
        h.assertUnbiasedRounding();
        run.assertCost(ArithmeticCosts.truncateLocal(SAMPLES));
    }

    /** For |x| = 2^60 and 2^62 the large error must occur with probability |x|/2^64 and be exactly -sign(x)*2^(64-f). */
    @ParameterizedTest
    @ValueSource(longs = {1L << 60, -(1L << 60), 1L << 62, -(1L << 62)})
    void localTruncationFailsWithProbabilityAbsXOver2To64(long value) {
        int n = 1 << 18;
        SplittableRandom rnd = new SplittableRandom(value);
        long[] v = new long[n];
        java.util.Arrays.fill(v, value);
        LongTensor[] s = Shares.split(new LongTensor(Shape.of(n), v), rnd);
        var run = TwoParties.run(15, p -> Arithmetic.truncateLocal(p, s[p.id()], F));
        long[] z = Shares.combine(run.result0(), run.result1());
        long wrongBy = -Long.signum(value) * (1L << (64 - F));
        long failures = 0;
        for (int i = 0; i < n; i++) {
            long err = z[i] - (value >> F);
            if (err != 0) {
                assertThat(err).as("a failed element is off by exactly %d", wrongBy).isEqualTo(wrongBy);
                failures++;
            }
        }
        double p = Math.abs((double) value) / 0x1p64;
        double expected = n * p;
        System.out.printf("trunc_local x=%d: %d failures in %d, expected %.0f%n", value, failures, n, expected);
        assertThat(Math.abs(failures - expected)).isLessThan(6 * Math.sqrt(n * p * (1 - p)));
    }
}
