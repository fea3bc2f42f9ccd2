package org.cryptorch.mpc;

import java.util.List;
import java.util.SplittableRandom;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ComparisonTest {
    private final SplittableRandom rnd = new SplittableRandom(7);

    /** Values in the contract of a k-bit comparison, [-2^(k-1), 2^(k-1)), starting with the edge cases. */
    static LongTensor inRange(Shape shape, int bits, SplittableRandom rnd) {
        long limit = bits == 64 ? Long.MIN_VALUE : -(1L << (bits - 1));
        long[] edges = {0, 1, -1, -limit - 1, limit, limit + 1, -2};
        long[] v = new long[shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = i < edges.length ? edges[i] : rnd.nextLong() << (64 - bits) >> (64 - bits);
        }
        return new LongTensor(shape, v);
    }

    @Test
    void transposeMovesBitIofWordJToBitJofWordI() {
        long[] m = rnd.longs(64).toArray();
        long[] t = m.clone();
        BitSlice.transpose(t, 0);
        for (int i = 0; i < 64; i++) {
            for (int j = 0; j < 64; j++) {
                assertThat((t[j] >>> i) & 1).as("bit %d of word %d", i, j).isEqualTo((m[i] >>> j) & 1);
            }
        }
    }

    /** Bit-slicing in batches of words, partial last batch and last word included, against the bit definition. */
    @ParameterizedTest
    @CsvSource({"1,5", "70,63", "1000,64", "5000,23"})
    void maskedPlanesHoldBitJOfElementIXoredWithTheMask(int n, int planes) {
        long[] values = rnd.longs(n).toArray();
        int words = BitSlice.wordsFor(n);
        long[] mask = rnd.longs((long) planes * words).toArray();
        long[] got = new long[planes * words];
        BitSlice.maskedPlanes(values, planes, mask, got);
        for (int j = 0; j < planes; j++) {
            long[] plane = BitSlice.plane(values, j);
            for (int i = 0; i < 64 * words; i++) {
                long bit = i < n ? values[i] >>> j & 1 : 0;
                assertThat(BitSlice.bit(plane, i)).as("plane %d, element %d", j, i).isEqualTo(bit);
                long masked = (got[j * words + (i >>> 6)] ^ mask[j * words + (i >>> 6)]) >>> (i & 63) & 1;
                assertThat(masked).as("masked plane %d, element %d", j, i).isEqualTo(bit);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"2,1", "2,70", "3,64", "4,65", "5,200", "8,129", "17,100", "24,1000", "25,63", "40,77", "63,300",
        "64,1000", "64,1", "24,0", "64,4485"})
    void ltzMatchesPlaintextAtPredictedCost(int bits, int n) {
        LongTensor x = inRange(Shape.of(n), bits, rnd);
        LongTensor[] s = Shares.split(x, rnd);
        var run = TwoParties.run(bits * 1000L + n, p -> Comparison.ltz(p, s[p.id()], bits));
        long[] got = Shares.combine(run.result0(), run.result1());
        for (int i = 0; i < n; i++) {
            assertThat(got[i]).as("ltz(%d) on %d bits", x.data()[i], bits).isEqualTo(x.data()[i] < 0 ? 1 : 0);
        }
        run.assertCost(ComparisonCosts.ltz(n, bits));
    }

    @ParameterizedTest
    @CsvSource({"2,10", "7,130", "24,1000", "64,333"})
    void reluMatchesPlaintextAtPredictedCost(int bits, int n) {
        LongTensor x = inRange(Shape.of(n), bits, rnd);
        LongTensor[] s = Shares.split(x, rnd);
        var run = TwoParties.run(bits, p -> Comparison.relu(p, s[p.id()], bits));
        long[] got = Shares.combine(run.result0(), run.result1());
        for (int i = 0; i < n; i++) {
            assertThat(got[i]).as("relu(%d)", x.data()[i]).isEqualTo(Math.max(x.data()[i], 0));
        }
        run.assertCost(ComparisonCosts.relu(n, bits));
    }

    @Test
    void ltzTimesAndGeZeroMatchPlaintext() {
        Shape shape = Shape.of(5, 41);
        LongTensor x = inRange(shape, 30, rnd);
        LongTensor z = new LongTensor(shape, rnd.longs(shape.size()).toArray());
        LongTensor[] sx = Shares.split(x, rnd);
        LongTensor[] sz = Shares.split(z, rnd);
        var times = TwoParties.run(3, p -> LessThanZero.signTimes(p, sx[p.id()], 30, sz[p.id()]));
        var ge = TwoParties.run(4, p -> Comparison.geZero(p, sx[p.id()], 30));
        long[] product = Shares.combine(times.result0(), times.result1());
        long[] nonNegative = Shares.combine(ge.result0(), ge.result1());
        for (int i = 0; i < shape.size(); i++) {
            assertThat(product[i]).isEqualTo(x.data()[i] < 0 ? z.data()[i] : 0);
            assertThat(nonNegative[i]).isEqualTo(x.data()[i] >= 0 ? 1 : 0);
        }
        times.assertCost(ComparisonCosts.signTimes(shape.size(), 30));
        ge.assertCost(ComparisonCosts.geZero(shape.size(), 30));
        assertThat(times.result0().shape()).isEqualTo(shape);
    }

    @Test
    void selectPicksXWhereConditionIsOne() {
        Shape shape = Shape.of(100);
        long[] c = rnd.longs(100, 0, 2).toArray();
        LongTensor x = inRange(shape, 64, rnd);
        LongTensor y = inRange(shape, 64, rnd);
        LongTensor[] sc = Shares.split(new LongTensor(shape, c), rnd);
        LongTensor[] sx = Shares.split(x, rnd);
        LongTensor[] sy = Shares.split(y, rnd);
        var run = TwoParties.run(5, p -> Comparison.select(p, sc[p.id()], sx[p.id()], sy[p.id()]));
        long[] got = Shares.combine(run.result0(), run.result1());
        for (int i = 0; i < 100; i++) {
            assertThat(got[i]).isEqualTo(c[i] == 1 ? x.data()[i] : y.data()[i]);
        }
        run.assertCost(ComparisonCosts.select(100));
    }

    @ParameterizedTest
    @CsvSource({"0,true", "1,false", "2,true", "-1,false"})
    void maxAlongAxisMatchesPlaintext(int axis, boolean keepDims) {
        Shape shape = Shape.of(3, 7, 5);
        int bits = 20;
        LongTensor x = inRange(shape, bits - 1, rnd);
        LongTensor[] s = Shares.split(x, rnd);
        var run = TwoParties.run(6, p -> Comparison.max(p, s[p.id()], axis, bits, keepDims));
        long[] got = Shares.combine(run.result0(), run.result1());
        int ax = shape.axis(axis);
        int[] dims = shape.dims();
        int[] strides = shape.strides();
        int[] outDims = dims.clone();
        outDims[ax] = 1;
        Shape kept = Shape.of(outDims);
        for (int o = 0; o < kept.size(); o++) {
            int base = 0;
            for (int d = 0, rest = o; d < dims.length; d++) {
                int stride = kept.strides()[d];
                base += (rest / stride) * strides[d];
                rest %= stride;
            }
            long expected = Long.MIN_VALUE;
            for (int j = 0; j < dims[ax]; j++) {
                expected = Math.max(expected, x.data()[base + j * strides[ax]]);
            }
            assertThat(got[o]).as("max of slice %d", o).isEqualTo(expected);
        }
        assertThat(run.result0().shape().rank()).isEqualTo(keepDims ? 3 : 2);
        run.assertCost(ComparisonCosts.max(shape, axis, bits));
    }

    /** Issue 2's acceptance: k=64 in <= 8 rounds and <= 50 B/elem, k=24 in <= 7 rounds and <= 20 B/elem. */
    @ParameterizedTest
    @CsvSource({"64,8,50", "24,7,20"})
    void measuredTrafficMeetsTheTargets(int bits, int maxRounds, int maxBytesPerElement) {
        int n = 4096;
        LongTensor x = inRange(Shape.of(n), bits, rnd);
        LongTensor[] s = Shares.split(x, rnd);
        var ltz = TwoParties.run(8, p -> Comparison.ltz(p, s[p.id()], bits));
        var relu = TwoParties.run(9, p -> Comparison.relu(p, s[p.id()], bits));
        System.out.printf("measured k=%d: ltz %d rounds, %.3f / %.3f B/elem sent by party 0 / 1, offline %.3f B/elem;"
                + " relu %d rounds, %.3f B/elem, offline %.3f B/elem%n", bits, ltz.traffic0().rounds,
            ltz.traffic0().bytesSent / (double) n, ltz.traffic1().bytesSent / (double) n,
            ltz.offlineBytes() / (double) n, relu.traffic0().rounds, relu.traffic0().bytesSent / (double) n,
            relu.offlineBytes() / (double) n);
        for (var t : List.of(ltz.traffic0(), ltz.traffic1())) {
            assertThat(t.rounds).isLessThanOrEqualTo(maxRounds);
            assertThat(t.bytesSent).isLessThanOrEqualTo((long) maxBytesPerElement * n);
        }
    }

    @Test
    void badArgumentsAreRejectedWithTheReason() {
        LongTensor x = LongTensor.zeros(Shape.of(4));
        assertThatThrownBy(() -> ComparisonCosts.ltz(4, 1)).hasMessageContaining("between 2 and 64 bits, got 1");
        assertThatThrownBy(() -> ComparisonCosts.ltz(4, 65)).hasMessageContaining("got 65");
        assertThatThrownBy(() -> LessThanZero.signTimes(null, x, 8, LongTensor.zeros(Shape.of(5))))
            .hasMessageContaining("ltz_times: operand shapes [4] and [5] differ");
        assertThatThrownBy(() -> Comparison.max(null, LongTensor.zeros(Shape.of(2, 0)), 1, 8, true))
            .hasMessageContaining("empty axis");
    }
}
