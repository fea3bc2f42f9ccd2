package org.cryptorch.mpc;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a party receives during Beaver multiplication (the other party's shares of x-a and y-b) must be uniformly
 * random whatever the secrets are. Each run makes each party receive 2 * 65536 words = 1 MiB.
 */
class MultiplicationSecurityTest {
    private static final int N = 1 << 16;
    private static final Shape SHAPE = Shape.of(N);

    /** Each party's received words when multiplying the given secrets. */
    private static long[][] receivedDuringMul(LongTensor x, LongTensor y, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        LongTensor[] sx = Shares.split(x, rnd);
        LongTensor[] sy = Shares.split(y, rnd);
        RecordingChannel[] recorders = new RecordingChannel[2];
        TwoParties.run(seed, ch -> {
            RecordingChannel r = new RecordingChannel(ch);
            recorders[ch.peer().equals("party1") ? 0 : 1] = r;
            return r;
        }, p -> Arithmetic.mul(p, sx[p.id()], sy[p.id()]));
        return new long[][] {recorders[0].receivedWords(), recorders[1].receivedWords()};
    }

    private static LongTensor constant(long v) {
        long[] d = new long[N];
        Arrays.fill(d, v);
        return new LongTensor(SHAPE, d);
    }

    @Test
    void receivedWordsAreUniformAndIndependentOfTheSecrets() {
        long[][] zeros = receivedDuringMul(constant(0), constant(0), 21);
        long[][] other = receivedDuringMul(constant(-3L << 40), Shares.values(SHAPE, 1L << 40,
            new SplittableRandom(5)), 22);
        double critical = ByteStatistics.criticalValue();
        for (int party = 0; party < 2; party++) {
            assertThat(zeros[party].length * 8L).as("bytes received by party %d", party).isGreaterThanOrEqualTo(1 << 20);
            long[] h1 = ByteStatistics.histogram(zeros[party]);
            long[] h2 = ByteStatistics.histogram(other[party]);
            double u1 = ByteStatistics.uniformity(h1);
            double u2 = ByteStatistics.uniformity(h2);
            double same = ByteStatistics.twoSample(h1, h2);
            System.out.printf("mul, party %d receives: chi2 uniform %.0f / %.0f, two-sample %.0f (critical %.0f, %d"
                + " dof)%n", party, u1, u2, same, critical, ByteStatistics.BINS - 1);
            assertThat(u1).as("uniformity, secrets zero, party %d", party).isLessThan(critical);
            assertThat(u2).as("uniformity, other secrets, party %d", party).isLessThan(critical);
            assertThat(same).as("same distribution for both secrets, party %d", party).isLessThan(critical);
        }
    }

    /** Negative control: the same statistics flag a leak of the secrets themselves (x and y values). */
    @Test
    void theTestsDetectStructuredData() {
        long[] leaked = Shares.values(Shape.of(2 * N), 1L << 40, new SplittableRandom(7)).data();
        long[] uniform = new SplittableRandom(8).longs(2 * N).toArray();
        long[] h = ByteStatistics.histogram(leaked);
        assertThat(ByteStatistics.uniformity(h)).isGreaterThan(ByteStatistics.criticalValue());
        assertThat(ByteStatistics.twoSample(h, ByteStatistics.histogram(uniform)))
            .isGreaterThan(ByteStatistics.criticalValue());
    }
}
