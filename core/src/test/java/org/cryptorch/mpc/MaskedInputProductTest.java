package org.cryptorch.mpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cryptorch.mpc.ArithmeticCosts.FRESH;

import java.util.List;
import java.util.SplittableRandom;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.api.Test;

/**
 * The run's input used under its input mask R ({@link FixedMask#runInput}): its owner's share is R, the other's
 * X - R, so a product with a weight opens nothing and the dealer derives the triple from the R it generated.
 */
class MaskedInputProductTest {
    private final SplittableRandom rnd = new SplittableRandom(17);

    /** How the MPC backend holds the input of {@code owner}: shared as usual, then kept under its input mask. */
    private static Arithmetic.Operand maskedInput(Party p, int owner, LongTensor x) {
        if (p.id() == owner) {
            LongTensor r = Arithmetic.provideInput(p, x);
            return new Arithmetic.Operand(r, FixedMask.runInput(owner, x));
        }
        LongTensor f = Arithmetic.receiveInput(p, x.shape());
        return new Arithmetic.Operand(f, FixedMask.runInput(owner, f));
    }

    @Test
    void twoRunsOfInputTimesWeightOpenNothingAndAreExact() {
        Shape xs = Shape.of(3, 5);
        Shape ws = Shape.of(5, 4);
        LongTensor w = Shares.values(ws, 1L << 40, rnd);
        LongTensor x1 = Shares.values(xs, Long.MAX_VALUE, rnd);
        LongTensor x2 = Shares.values(xs, Long.MAX_VALUE, rnd);
        long[][] productBytes = new long[2][];
        var run = TwoParties.run(61, p -> {
            Arithmetic.Operand sw = Arithmetic.shareWithFixedMask(p, 0, 0, p.id() == 0 ? w : null, ws);
            LongTensor[] z = new LongTensor[2];
            long[] bytes = new long[2];
            LongTensor[] xsByRun = {x1, x2};
            for (int k = 0; k < 2; k++) {
                // each run shares its own input: the products must take that run's mask, not the first one's
                Arithmetic.Operand in = maskedInput(p, 1, xsByRun[k]);
                long before = p.peer().stats().total().bytesSent;
                z[k] = Arithmetic.matmulOperands(p, List.of(in), List.of(sw)).get(0);
                bytes[k] = p.peer().stats().total().bytesSent - before;
            }
            productBytes[p.id()] = bytes;
            return z;
        });
        for (int k = 0; k < 2; k++) {
            LongTensor x = k == 0 ? x1 : x2;
            assertThat(Shares.combine(run.result0()[k], run.result1()[k]))
                .containsExactly(PlainProducts.matmul(x.data(), w.data(), 1, 3, 5, 4, false));
            assertThat(productBytes[0][k]).isZero();
            assertThat(productBytes[1][k]).isZero();
        }
        Cost oneRun = ArithmeticCosts.input(1, xs.size()).plus(ArithmeticCosts.matmul(xs, ws, 1, 0));
        run.assertCost(ArithmeticCosts.input(0, ws.size()).plus(oneRun).plus(oneRun));
        assertThat(ArithmeticCosts.matmul(xs, ws, 1, 0).rounds()).isZero();
    }

    @Test
    void aReshapedInputOnEitherSideAndWithAFreshOperandIsExact() {
        Shape xs = Shape.of(4, 6);
        Shape xt = Shape.of(6, 4);
        LongTensor x = Shares.values(xs, Long.MAX_VALUE, rnd);
        LongTensor w = Shares.values(Shape.of(4, 4), 1L << 40, rnd);
        LongTensor y = Shares.values(Shape.of(6, 3), Long.MAX_VALUE, rnd);
        LongTensor[] sy = Shares.split(y, rnd);
        var run = TwoParties.run(62, p -> {
            Arithmetic.Operand sw = Arithmetic.shareWithFixedMask(p, 1, 0, p.id() == 1 ? w : null, w.shape());
            Arithmetic.Operand in = maskedInput(p, 0, x);
            // the input viewed as 6 x 4: the share and what its mask holds, reshaped alike
            Arithmetic.Operand view = new Arithmetic.Operand(in.share().reshape(xt),
                FixedMask.runInput(0, in.mask().held().reshape(xt)));
            return Arithmetic.matmulOperands(p, List.of(view, in), List.of(sw, Arithmetic.Operand.fresh(sy[p.id()]
                .reshape(Shape.of(6, 3))))).toArray(LongTensor[]::new);
        });
        assertThat(Shares.combine(run.result0()[0], run.result1()[0]))
            .containsExactly(PlainProducts.matmul(x.data(), w.data(), 1, 6, 4, 4, false));
        assertThat(Shares.combine(run.result0()[1], run.result1()[1]))
            .containsExactly(PlainProducts.matmul(x.data(), y.data(), 1, 4, 6, 3, false));
        run.assertCost(ArithmeticCosts.input(1, 16).plus(ArithmeticCosts.input(0, xs.size()))
            .plus(ArithmeticCosts.matmuls(List.of(xt, xs), List.of(Shape.of(4, 4), Shape.of(6, 3)), List.of(0, 0),
                List.of(1, FRESH))));
    }

    /** The weights' owner may supply the input too (both masks known to one party): still exact, nothing opened. */
    @Test
    void anInputAndAWeightOfTheSameOwnerMultiplyExactly() {
        Shape xs = Shape.of(2, 7);
        Shape ws = Shape.of(7, 3);
        LongTensor x = Shares.values(xs, Long.MAX_VALUE, rnd);
        LongTensor w = Shares.values(ws, 1L << 40, rnd);
        var run = TwoParties.run(63, p -> {
            Arithmetic.Operand sw = Arithmetic.shareWithFixedMask(p, 1, 0, p.id() == 1 ? w : null, ws);
            Arithmetic.Operand in = maskedInput(p, 1, x);
            return Arithmetic.matmulOperands(p, List.of(in), List.of(sw)).get(0);
        });
        assertThat(Shares.combine(run.result0(), run.result1()))
            .containsExactly(PlainProducts.matmul(x.data(), w.data(), 1, 2, 7, 3, false));
        run.assertCost(ArithmeticCosts.input(1, ws.size()).plus(ArithmeticCosts.input(1, xs.size()))
            .plus(ArithmeticCosts.matmul(xs, ws, 1, 1)));
    }

    @Test
    void theDealerRefusesAProductWithAnInputItHasNotMasked() {
        DealerEngine dealer = new DealerEngine(new byte[16], new byte[16]);
        FixedMask input = FixedMask.runInput(1, LongTensor.zeros(Shape.of(2, 3)));
        Recipe triple = ArithmeticRecipes.matmulTriple(Shape.of(2, 3), Shape.of(3, 2), input.key(), null);
        assertThatThrownBy(() -> dealer.corrections(triple)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("latest input mask has not been taken");
        dealer.corrections(ArithmeticRecipes.inputMask(1, 5));
        assertThatThrownBy(() -> dealer.corrections(triple)).hasMessageContaining("latest input mask has 5");
    }
}
