package org.cryptorch.mpc;

import java.util.List;
import java.util.SplittableRandom;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrefetchTest {
    @Test
    void prefetchedTriplesGiveCorrectProductsWithTheOfflineCostPaidUpFront() {
        int n = 100;
        SplittableRandom rnd = new SplittableRandom(3);
        LongTensor x = Shares.values(Shape.of(n), Long.MAX_VALUE, rnd);
        LongTensor y = Shares.values(Shape.of(n), Long.MAX_VALUE, rnd);
        LongTensor[] sx = Shares.split(x, rnd);
        LongTensor[] sy = Shares.split(y, rnd);
        long[] offlineBeforeOnline = new long[2];
        var run = TwoParties.run(41, p -> {
            p.correlations().prefetch(List.of(ArithmeticRecipes.triple(n), ArithmeticRecipes.squarePair(n)));
            offlineBeforeOnline[p.id()] = p.correlations().offlineBytesReceived();
            return new LongTensor[] {Arithmetic.mul(p, sx[p.id()], sy[p.id()]), Arithmetic.square(p, sx[p.id()])};
        });
        long[] xy = Shares.combine(run.result0()[0], run.result1()[0]);
        long[] xx = Shares.combine(run.result0()[1], run.result1()[1]);
        for (int i = 0; i < n; i++) {
            assertThat(xy[i]).isEqualTo(x.data()[i] * y.data()[i]);
            assertThat(xx[i]).isEqualTo(x.data()[i] * x.data()[i]);
        }
        long offline = ArithmeticCosts.mul(n).plus(ArithmeticCosts.square(n)).offlineBytes();
        assertThat(offlineBeforeOnline[0] + offlineBeforeOnline[1]).isEqualTo(offline);
        run.assertCost(ArithmeticCosts.mul(n).plus(ArithmeticCosts.square(n)));
    }

    @Test
    void takingOutOfPrefetchOrderIsNamed() {
        Correlations c = LocalDealer.pair()[1];
        c.prefetch(List.of(ArithmeticRecipes.triple(4)));
        assertThatThrownBy(() -> c.take(ArithmeticRecipes.squarePair(4)))
            .hasMessage("party 1 took correlation square_pair[4] but the next prefetched one is triple[4]");
    }
}
