package org.cryptorch.mpc;

import java.util.List;
import java.util.SplittableRandom;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
            .plus(ArithmeticCosts.matmul(xs, ws, false, true))
            .plus(ArithmeticCosts.matmuls(List.of(xs, xs), List.of(ws, ws), List.of(false, false),
                List.of(true, false)));
        run.assertCost(predicted);
        // the weight products open X only: 8|X| bytes per party, not 8(|X| + |W|)
        assertThat(ArithmeticCosts.matmul(xs, ws, false, true).bytesSentByParty0()).isEqualTo(8L * xs.size());
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
            .plus(ArithmeticCosts.matmuls(List.of(ws, ws), List.of(ws, ws), List.of(true, true),
                List.of(false, true))));
        assertThat(ArithmeticCosts.matmul(ws, ws, true, true).rounds()).as("nothing to open").isZero();
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
            .plus(ArithmeticCosts.conv2d(xs, ws, strides, pads, dilations, 1, false, true)));
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
        FixedMask mask = new FixedMask(1, 5, LongTensor.zeros(Shape.of(4, 5)));
        Recipe m = ArithmeticRecipes.matmulTriple(Shape.of(2, 3, 4), Shape.of(4, 5), null, mask);
        Recipe c = ArithmeticRecipes.conv2dTriple(Shape.of(1, 4, 8, 8), Shape.of(6, 2, 3, 3), new int[] {1, 2},
            new int[] {0, 1, 2, 3}, new int[] {2, 1}, 2, null, new FixedMask(0, 2, LongTensor.zeros(Shape.of(6, 2, 3,
                3))));
        for (Recipe r : new Recipe[] {m, c}) {
            Recipe back = Recipes.fromSpec(r.spec());
            assertThat(back.spec()).isEqualTo(r.spec());
            assertThat(back.components()).isEqualTo(r.components());
            assertThat(back.fixedMasks()).isEqualTo(r.fixedMasks()).hasSize(1);
        }
        assertThat(m.spec().name()).isEqualTo("matmul_fixed_triple");
        assertThat(m.components()).extracting(Component::name).containsExactly("a", "c");
        assertThatThrownBy(() -> ArithmeticRecipes.matmulTriple(Shape.of(2, 4), Shape.of(4, 3), null, mask))
            .hasMessage("the right operand has 12 elements but its fixed mask 5 has 20");
    }
}
