package org.cryptorch.mpc;

import java.util.List;
import java.util.SplittableRandom;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cryptorch.mpc.ArithmeticCosts.FRESH;

/** Products with a weight shared once under a session-fixed mask: open W - B once, then only X - A per product. */
class FixedMaskProductTest {
    private final SplittableRandom rnd = new SplittableRandom(91);

    private static Arithmetic.Operand shareWeight(Party p, int owner, int id, LongTensor w) {
        return Arithmetic.shareWithFixedMask(p, owner, id, p.id() == owner ? w : null, w.shape());
    }

    @Test
    void matmulsReuseTheMaskAndOpenOnlyTheInputsAtPredictedCost() {
        Shape xs = Shape.of(2, 3, 5);
        Shape ws = Shape.of(5, 4);
        LongTensor w = Shares.values(ws, 1L << 40, rnd);
        LongTensor x1 = Shares.values(xs, Long.MAX_VALUE, rnd);
        LongTensor x2 = Shares.values(xs, Long.MAX_VALUE, rnd);
        LongTensor[] s1 = Shares.split(x1, rnd);
        LongTensor[] s2 = Shares.split(x2, rnd);
        var run = TwoParties.run(41, p -> {
            Arithmetic.Operand sw = shareWeight(p, 1, 0, w);
            // two queries against the same shared weight, the second fused with a product of fresh operands
            LongTensor z1 = Arithmetic.matmulOperands(p, List.of(Arithmetic.Operand.fresh(s1[p.id()])), List.of(sw))
                .get(0);
            List<LongTensor> z2 = Arithmetic.matmulOperands(p,
                List.of(Arithmetic.Operand.fresh(s2[p.id()]), Arithmetic.Operand.fresh(s1[p.id()])),
                List.of(sw, Arithmetic.Operand.fresh(sw.share())));
            return new LongTensor[] {z1, z2.get(0), z2.get(1)};
        });
        long[] want1 = PlainProducts.matmul(x1.data(), w.data(), 2, 3, 5, 4, false);
        long[] want2 = PlainProducts.matmul(x2.data(), w.data(), 2, 3, 5, 4, false);
        assertThat(Shares.combine(run.result0()[0], run.result1()[0])).containsExactly(want1);
        assertThat(Shares.combine(run.result0()[1], run.result1()[1])).containsExactly(want2);
        assertThat(Shares.combine(run.result0()[2], run.result1()[2])).containsExactly(want1);
        Cost predicted = ArithmeticCosts.input(1, ws.size())
            .plus(ArithmeticCosts.matmul(xs, ws, FRESH, 1))
            .plus(ArithmeticCosts.matmuls(List.of(xs, xs), List.of(ws, ws), List.of(FRESH, FRESH),
                List.of(1, FRESH)));
        run.assertCost(predicted);
        // a weight product is one-sided: only the non-owner sends, X masked (8|X| bytes, not 8(|X| + |W|) each)
        Cost weightProduct = ArithmeticCosts.matmul(xs, ws, FRESH, 1);
        assertThat(weightProduct.bytesSentByParty0()).isEqualTo(8L * xs.size());
        assertThat(weightProduct.bytesSentByParty1()).isZero();
        assertThat(weightProduct.rounds()).isOne();
    }

    @Test
    void aWeightOnTheLeftOrOnBothSidesKeepsItsMask() {
        Shape ws = Shape.of(3, 3);
        LongTensor w = Shares.values(ws, 1L << 30, rnd);
        LongTensor v = Shares.values(ws, 1L << 30, rnd);
        LongTensor x = Shares.values(ws, 1L << 30, rnd);
        LongTensor[] sx = Shares.split(x, rnd);
        var run = TwoParties.run(42, p -> {
            Arithmetic.Operand sw = shareWeight(p, 1, 3, w);
            Arithmetic.Operand sv = shareWeight(p, 0, 4, v);
            return Arithmetic.matmulOperands(p, List.of(sw, sw), List.of(Arithmetic.Operand.fresh(sx[p.id()]), sv))
                .toArray(LongTensor[]::new);
        });
        assertThat(Shares.combine(run.result0()[0], run.result1()[0]))
            .containsExactly(PlainProducts.matmul(w.data(), x.data(), 1, 3, 3, 3, false));
        assertThat(Shares.combine(run.result0()[1], run.result1()[1]))
            .containsExactly(PlainProducts.matmul(w.data(), v.data(), 1, 3, 3, 3, false));
        run.assertCost(ArithmeticCosts.input(1, 9).plus(ArithmeticCosts.input(0, 9))
            .plus(ArithmeticCosts.matmuls(List.of(ws, ws), List.of(ws, ws), List.of(1, 1),
                List.of(FRESH, 0))));
        assertThat(ArithmeticCosts.matmul(ws, ws, 1, 0).rounds()).as("nothing to open").isZero();
    }

    @Test
    void conv2dWithFixedWeightsMatchesPlaintextAtPredictedCost() {
        Shape xs = Shape.of(2, 3, 7, 6);
        Shape ws = Shape.of(4, 3, 3, 3);
        int[] strides = {2, 2};
        int[] pads = {1, 1, 2, 1};
        int[] dilations = {1, 1};
        LongTensor x = Shares.values(xs, Long.MAX_VALUE, rnd);
        LongTensor w = Shares.values(ws, 1L << 40, rnd);
        LongTensor[] sx = Shares.split(x, rnd);
        var run = TwoParties.run(43, p -> {
            Arithmetic.Operand sw = shareWeight(p, 1, 0, w);
            return Arithmetic.conv2d(p, Arithmetic.Operand.fresh(sx[p.id()]), sw, strides, pads, dilations, 1);
        });
        Shape out = ProductShapes.conv2d(xs, ws, strides, pads, dilations, 1);
        assertThat(Shares.combine(run.result0(), run.result1())).containsExactly(PlainProducts.conv2d(x.data(),
            xs.dims(), w.data(), ws.dims(), strides, pads, dilations, 1, out.dim(2), out.dim(3)));
        run.assertCost(ArithmeticCosts.input(1, ws.size())
            .plus(ArithmeticCosts.conv2d(xs, ws, strides, pads, dilations, 1, FRESH, 1)));
    }

    /**
     * One-sided products: the weight's owner sends nothing in the product's round, the other party sends its share
     * of X masked. Weights of both parties on either side, fused with a product of two fresh operands, in one round.
     */
    @Test
    void theWeightsOwnerSendsNothingAndFusedProductsOfBothOwnersAreExact() {
        Shape xs = Shape.of(4, 6);
        Shape ws = Shape.of(6, 6);
        LongTensor w0 = Shares.values(ws, 1L << 40, rnd);
        LongTensor w1 = Shares.values(ws, 1L << 40, rnd);
        LongTensor x = Shares.values(xs, Long.MAX_VALUE, rnd);
        LongTensor y = Shares.values(ws, Long.MAX_VALUE, rnd);
        LongTensor[] sx = Shares.split(x, rnd);
        LongTensor[] sy = Shares.split(y, rnd);
        long[][] productBytes = new long[2][];
        var run = TwoParties.run(44, p -> {
            Arithmetic.Operand sw0 = shareWeight(p, 0, 0, w0);
            Arithmetic.Operand sw1 = shareWeight(p, 1, 1, w1);
            Arithmetic.Operand fx = Arithmetic.Operand.fresh(sx[p.id()]);
            long before = p.peer().stats().total().bytesSent;
            LongTensor alone = Arithmetic.matmulOperands(p, List.of(fx), List.of(sw0)).get(0);
            long afterAlone = p.peer().stats().total().bytesSent;
            List<LongTensor> fused = Arithmetic.matmulOperands(p, List.of(fx, sw1, fx),
                List.of(sw0, Arithmetic.Operand.fresh(sx[p.id()].reshape(Shape.of(6, 4))),
                    Arithmetic.Operand.fresh(sy[p.id()])));
            productBytes[p.id()] = new long[] {afterAlone - before, p.peer().stats().total().bytesSent - afterAlone};
            return new LongTensor[] {alone, fused.get(0), fused.get(1), fused.get(2)};
        });
        long[] xw0 = PlainProducts.matmul(x.data(), w0.data(), 1, 4, 6, 6, false);
        assertThat(Shares.combine(run.result0()[0], run.result1()[0])).containsExactly(xw0);
        assertThat(Shares.combine(run.result0()[1], run.result1()[1])).containsExactly(xw0);
        assertThat(Shares.combine(run.result0()[2], run.result1()[2]))
            .containsExactly(PlainProducts.matmul(w1.data(), x.data(), 1, 6, 6, 4, false));
        assertThat(Shares.combine(run.result0()[3], run.result1()[3]))
            .containsExactly(PlainProducts.matmul(x.data(), y.data(), 1, 4, 6, 6, false));
        assertThat(productBytes[0][0]).as("party 0 owns the weight: sends nothing").isZero();
        assertThat(productBytes[1][0]).as("party 1 sends X - A").isEqualTo(8L * xs.size());
        // fused: each party sends X - A for the other's weight, and both send both openings of the fresh product
        long fresh = 8L * (xs.size() + ws.size());
        assertThat(productBytes[0][1]).isEqualTo(8L * xs.size() + fresh);
        assertThat(productBytes[1][1]).isEqualTo(8L * xs.size() + fresh);
        Shape xt = Shape.of(6, 4);
        run.assertCost(ArithmeticCosts.input(0, ws.size()).plus(ArithmeticCosts.input(1, ws.size()))
            .plus(ArithmeticCosts.matmul(xs, ws, FRESH, 0))
            .plus(ArithmeticCosts.matmuls(List.of(xs, ws, xs), List.of(ws, xt, ws), List.of(FRESH, 1, FRESH),
                List.of(0, FRESH, FRESH))));
    }

    @Test
    void theSameIdGivesTheSameMaskAndOthersDiffer() {
        Correlations[] c = LocalDealer.pair();
        assertThat(c[1].fixedMask(1, 7, 5)).containsExactly(c[1].fixedMask(1, 7, 5));
        assertThat(c[1].fixedMask(1, 8, 5)).isNotEqualTo(c[1].fixedMask(1, 7, 5));
        assertThat(c[0].fixedMask(1, 7, 5)).containsOnly(0L);
        // the fixed mask is not drawn from the ordinary stream: taking one leaves the triples in step
        c[0].fixedMask(0, 1, 3);
        assertThat(c[0].take(ArithmeticRecipes.triple(1))).hasDimensions(3, 1);
    }

    @Test
    void fixedTripleSpecsRoundTripAndCheckTheMaskSize() {
        FixedMask.Key mask = new FixedMask(1, 5, LongTensor.zeros(Shape.of(4, 5))).key();
        Recipe m = ArithmeticRecipes.matmulTriple(Shape.of(2, 3, 4), Shape.of(4, 5), null, mask);
        Recipe c = ArithmeticRecipes.conv2dTriple(Shape.of(1, 4, 8, 8), Shape.of(6, 2, 3, 3), new int[] {1, 2},
            new int[] {0, 1, 2, 3}, new int[] {2, 1}, 2, null, new FixedMask(0, 2, LongTensor.zeros(Shape.of(6, 2, 3,
                3))).key());
        for (Recipe r : new Recipe[] {m, c}) {
            Recipe back = Recipes.fromSpec(r.spec());
            assertThat(back.spec()).isEqualTo(r.spec());
            assertThat(back.components()).isEqualTo(r.components());
            assertThat(back.fixedMasks()).isEqualTo(r.fixedMasks()).hasSize(1);
        }
        assertThat(m.spec().name()).isEqualTo("matmul_fixed_triple");
        assertThat(m.components()).extracting(Component::name).containsExactly("a", "c");
        assertThat(m.components().get(0).source()).as("A of a product with party 1's weight: party 0's alone")
            .isEqualTo(Component.Source.OWNED_BY_0);
        assertThatThrownBy(() -> ArithmeticRecipes.matmulTriple(Shape.of(2, 4), Shape.of(4, 3), null, mask))
            .hasMessage("the right operand has 12 elements but its fixed mask 5 has 20");
    }
}
