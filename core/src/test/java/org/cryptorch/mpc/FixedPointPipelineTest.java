package org.cryptorch.mpc;

import java.util.SplittableRandom;
import org.cryptorch.tensor.FixedPoint;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Party 0 owns x, party 1 owns y; they compute x*y in fixed point and only party 0 learns it. */
class FixedPointPipelineTest {
    private static final int F = TwoParties.FRACTIONAL_BITS;

    @Test
    void productOfTwoPrivateRealsNearTheRangeLimitIsWithinOneUlp() {
        int n = 1000;
        Shape shape = Shape.of(n);
        SplittableRandom rnd = new SplittableRandom(9);
        // |x*y| < 2^30 keeps the double-scale product (2f = 32 fractional bits) below 2^62, the truncation's limit.
        double[] xs = new double[n];
        double[] ys = new double[n];
        double[] edges = {0, -1.5, 32767.99, -32767.99, 1.0 / 65536, -1.0 / 65536};
        for (int i = 0; i < n; i++) {
            xs[i] = i < edges.length ? edges[i] : rnd.nextDouble(-32768, 32768);
            ys[i] = i < edges.length ? edges[edges.length - 1 - i] : rnd.nextDouble(-32768, 32768);
        }
        LongTensor x = FixedPoint.encode(new FloatTensor(shape, xs), F);
        LongTensor y = FixedPoint.encode(new FloatTensor(shape, ys), F);
        var run = TwoParties.run(51, p -> {
            LongTensor sx = p.id() == 0 ? Arithmetic.provideInput(p, x) : Arithmetic.receiveInput(p, shape);
            LongTensor sy = p.id() == 1 ? Arithmetic.provideInput(p, y) : Arithmetic.receiveInput(p, shape);
            LongTensor product = Arithmetic.truncate(p, Arithmetic.mul(p, sx, sy), F, Truncation.DEALER);
            return Arithmetic.revealTo(p, 0, product);
        });
        assertThat(run.result1()).isEmpty();
        double[] got = FixedPoint.decode(run.result0().orElseThrow(), F).data();
        for (int i = 0; i < n; i++) {
            long exact = Math.floorDiv(x.data()[i] * y.data()[i], 1L << F);
            assertThat(run.result0().orElseThrow().data()[i] - exact).as("ring error at %d", i).isBetween(0L, 1L);
            // encoding x and y costs up to half an ulp each, scaled by the other factor
            double bound = (Math.abs(xs[i]) + Math.abs(ys[i]) + 2) / (1 << F);
            assertThat(Math.abs(got[i] - xs[i] * ys[i])).as("real error at %d", i).isLessThanOrEqualTo(bound);
        }
        run.assertCost(ArithmeticCosts.input(0, n).plus(ArithmeticCosts.input(1, n)).plus(ArithmeticCosts.mul(n))
            .plus(ArithmeticCosts.truncateWithDealer(n)).plus(ArithmeticCosts.revealTo(0, n)));
    }
}
