package org.cryptorch.mpc;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a party receives online (for mul: the other party's shares of x-a and y-b) must be uniformly random whatever
 * the secrets are. Each run makes each party receive 2^17 words = 1 MiB.
 */
class ReceivedTrafficSecurityTest {
    private static final int WORDS_RECEIVED = 1 << 17;

    /** A one-round protocol on secrets x, y, and how many words per element each party receives. */
    enum Protocol {
        MUL(2, (p, s) -> Arithmetic.mul(p, s[0], s[1])),
        SQUARE(1, (p, s) -> Arithmetic.square(p, s[0])),
        TRUNC_DEALER(1, (p, s) -> Arithmetic.truncateWithDealer(p, s[0], TwoParties.FRACTIONAL_BITS));

        final int wordsPerElement;
        final BiFunction<Party, LongTensor[], LongTensor> body;

        Protocol(int wordsPerElement, BiFunction<Party, LongTensor[], LongTensor> body) {
            this.wordsPerElement = wordsPerElement;
            this.body = body;
        }

        Shape shape() {
            return Shape.of(WORDS_RECEIVED / wordsPerElement);
        }
    }

    /** Each party's received words when running the protocol on the given secrets. */
    private static long[][] received(Protocol protocol, LongTensor x, LongTensor y, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        LongTensor[] sx = Shares.split(x, rnd);
        LongTensor[] sy = Shares.split(y, rnd);
        return received(seed, p -> protocol.body.apply(p, new LongTensor[] {sx[p.id()], sy[p.id()]}));
    }

    /** Each party's received words when both run {@code body}. */
    private static long[][] received(long seed, Function<Party, ?> body) {
        RecordingChannel[] recorders = new RecordingChannel[2];
        TwoParties.run(seed, ch -> {
            RecordingChannel r = new RecordingChannel(ch);
            recorders[ch.peer().equals("party1") ? 0 : 1] = r;
            return r;
        }, body);
        return new long[][] {recorders[0].receivedWords(), recorders[1].receivedWords()};
    }

    private static LongTensor constant(Shape shape, long v) {
        long[] d = new long[shape.size()];
        Arrays.fill(d, v);
        return new LongTensor(shape, d);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void receivedWordsAreUniformAndIndependentOfTheSecrets(Protocol protocol) {
        Shape shape = protocol.shape();
        long seed = 100L * protocol.ordinal();
        long[][] zeros = received(protocol, constant(shape, 0), constant(shape, 0), seed + 1);
        long[][] other = received(protocol, constant(shape, -3L << 40),
            Shares.values(shape, 1L << 40, new SplittableRandom(5)), seed + 2);
        for (int party = 0; party < 2; party++) {
            assertThat(zeros[party].length * 8L).as("bytes received by party %d", party).isEqualTo(1 << 20);
            ByteStatistics.assertUniformAndIndependent(protocol + ", party " + party + " receives (secrets zero /"
                + " other)", zeros[party], other[party]);
        }
    }

    /**
     * A weight of party 1 shared under a fixed mask, then used in two one-sided products: party 0 receives W - B once
     * and nothing per product, party 1 (the owner) X - A per product. Zero weights and inputs against large
     * structured ones must give the same uniform distribution.
     */
    @Test
    void fixedMaskProductsRevealNothingAboutTheWeightsOrTheInputs() {
        Shape xs = Shape.of(256, 256);
        Shape ws = Shape.of(256, 256);
        long[][] zeros = fixedMaskProducts(constant(ws, 0), constant(xs, 0), 301);
        long[][] other = fixedMaskProducts(Shares.values(ws, 1L << 40, new SplittableRandom(9)),
            constant(xs, -3L << 40), 302);
        for (int party = 0; party < 2; party++) {
            assertThat(zeros[party].length).as("words received by party %d", party)
                .isEqualTo(party == 0 ? ws.size() : 2 * xs.size());
            ByteStatistics.assertUniformAndIndependent("fixed-mask matmul, party " + party + " receives (zero /"
                + " other secrets)", zeros[party], other[party]);
        }
    }

    /**
     * What the weight's owner receives in one-sided products depends only on the dealer's A, not on the input: the
     * same weight, zero inputs against large structured ones. The owner (here party 0) sends nothing per product.
     */
    @Test
    void theWeightsOwnerReceivesUniformWordsWhateverTheInput() {
        Shape xs = Shape.of(256, 256);
        LongTensor w = Shares.values(Shape.of(256, 256), 1L << 40, new SplittableRandom(10));
        LongTensor structured = Shares.values(xs, 1L << 40, new SplittableRandom(11));
        long[] zeros = ownersProductWords(w, constant(xs, 0), 303);
        long[] other = ownersProductWords(w, structured, 304);
        assertThat(zeros).as("X - A of two products").hasSize(2 * xs.size());
        ByteStatistics.assertUniformAndIndependent("one-sided matmul, the owner receives (zero / structured input)",
            zeros, other);
    }

    /** Party 0's received words in two products with its weight w (after the setup, in which it receives none). */
    private static long[] ownersProductWords(LongTensor w, LongTensor x, long seed) {
        long[][] bytesSent = new long[2][];
        long[][] received = received(seed, p -> {
            Arithmetic.Operand sw = Arithmetic.shareWithFixedMask(p, 0, 0, p.id() == 0 ? w : null, w.shape());
            LongTensor[] sx = Shares.split(x, new SplittableRandom(seed));
            long before = p.peer().stats().total().bytesSent;
            for (int k = 0; k < 2; k++) {
                Arithmetic.matmulOperands(p, List.of(Arithmetic.Operand.fresh(sx[p.id()])), List.of(sw));
            }
            bytesSent[p.id()] = new long[] {p.peer().stats().total().bytesSent - before};
            return null;
        });
        assertThat(bytesSent[0][0]).as("bytes the owner sends in the products").isZero();
        assertThat(bytesSent[1][0]).as("bytes the other party sends in the products").isEqualTo(16L * x.size());
        return received[0];
    }

    private static long[][] fixedMaskProducts(LongTensor w, LongTensor x, long seed) {
        LongTensor[] sx = Shares.split(x, new SplittableRandom(seed));
        return received(seed, p -> {
            Arithmetic.Operand sw = Arithmetic.shareWithFixedMask(p, 1, 0, p.id() == 1 ? w : null, w.shape());
            for (int k = 0; k < 2; k++) {
                Arithmetic.matmulOperands(p, List.of(Arithmetic.Operand.fresh(sx[p.id()])), List.of(sw));
            }
            return null;
        });
    }

    /** Negative control: the same statistics flag words that carry values below 2^40 (a leaked secret). */
    @Test
    void theTestsDetectStructuredData() {
        long[] leaked = Shares.values(Shape.of(WORDS_RECEIVED), 1L << 40, new SplittableRandom(7)).data();
        long[] uniform = new SplittableRandom(8).longs(WORDS_RECEIVED).toArray();
        long[] h = ByteStatistics.histogram(leaked);
        assertThat(ByteStatistics.uniformity(h)).isGreaterThan(ByteStatistics.criticalValue());
        assertThat(ByteStatistics.twoSample(h, ByteStatistics.histogram(uniform)))
            .isGreaterThan(ByteStatistics.criticalValue());
    }
}
