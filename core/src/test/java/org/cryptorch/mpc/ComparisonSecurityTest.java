package org.cryptorch.mpc;

import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a party receives during comparison and ReLU (masked bit planes, the masked sign, and for ReLU the masked
 * operand) must be uniformly random and independent of the secret: at least 1 MiB per party and run, all-zero input
 * against random input in range, chi-square on (byte position, byte value).
 */
class ComparisonSecurityTest {
    private static long[][] received(LongTensor x, long seed, BiFunction<Party, LongTensor, LongTensor> protocol) {
        LongTensor[] s = Shares.split(x, new SplittableRandom(seed));
        RecordingChannel[] recorders = new RecordingChannel[2];
        TwoParties.run(seed, ch -> {
            RecordingChannel r = new RecordingChannel(ch);
            recorders[ch.peer().equals("party1") ? 0 : 1] = r;
            return r;
        }, p -> protocol.apply(p, s[p.id()]));
        return new long[][] {recorders[0].receivedWords(), recorders[1].receivedWords()};
    }

    @ParameterizedTest
    @CsvSource({"ltz,64,65536", "ltz,24,240000", "relu,64,65536", "relu,24,100000"})
    void receivedWordsAreUniformAndIndependentOfTheSecret(String protocol, int bits, int n) {
        BiFunction<Party, LongTensor, LongTensor> run = protocol.equals("ltz")
            ? (p, x) -> Comparison.ltz(p, x, bits) : (p, x) -> Comparison.relu(p, x, bits);
        Shape shape = Shape.of(n);
        long[][] zeros = received(LongTensor.zeros(shape), 31, run);
        long[][] other = received(ComparisonTest.inRange(shape, bits, new SplittableRandom(9)), 32, run);
        for (int party = 0; party < 2; party++) {
            assertThat(zeros[party].length * 8L).as("bytes received by party %d", party)
                .isGreaterThanOrEqualTo(1 << 20);
            ByteStatistics.assertUniformAndIndependent(protocol + " k=" + bits + ", party " + party + " receives "
                + zeros[party].length * 8L + " B (secret zero / random)", zeros[party], other[party]);
        }
    }
}
