package org.cryptorch.mpc;

import java.util.SplittableRandom;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BilinearProductTest {
    private final SplittableRandom rnd = new SplittableRandom(77);

    private LongTensor[] shared(LongTensor x) {
        return Shares.split(x, rnd);
    }

    @ParameterizedTest(name = "[{0}] {1}x{2}x{3}, batched y: {4}")
    @CsvSource({"1, 5, 7, 3, false", "3, 4, 6, 2, false", "2, 3, 5, 4, true", "1, 1, 1, 1, false"})
    void matmulMatchesPlaintextAtPredictedCost(int batch, int m, int k, int n, boolean yBatched) {
        Shape xs = batch == 1 ? Shape.of(m, k) : Shape.of(batch, m, k);
        Shape ys = yBatched ? Shape.of(batch, k, n) : Shape.of(k, n);
        LongTensor x = Shares.values(xs, Long.MAX_VALUE, rnd);
        LongTensor y = Shares.values(ys, 1L << 40, rnd);
        LongTensor[] sx = shared(x);
        LongTensor[] sy = shared(y);
        var run = TwoParties.run(31, p -> Arithmetic.matmul(p, sx[p.id()], sy[p.id()]));
        long[] want = PlainProducts.matmul(x.data(), y.data(), batch, m, k, n, yBatched);
        assertThat(run.result0().shape()).isEqualTo(ProductShapes.matmul(xs, ys));
        assertThat(Shares.combine(run.result0(), run.result1())).containsExactly(want);
        run.assertCost(ArithmeticCosts.matmul(xs, ys));
    }

    @Test
    void matmulOfVectorAndMatrixDropsThePromotedAxis() {
        Shape xs = Shape.of(4);
        Shape ys = Shape.of(4, 3);
        LongTensor x = Shares.values(xs, 1L << 20, rnd);
        LongTensor y = Shares.values(ys, 1L << 20, rnd);
        LongTensor[] sx = shared(x);
        LongTensor[] sy = shared(y);
        var run = TwoParties.run(32, p -> Arithmetic.matmul(p, sx[p.id()], sy[p.id()]));
        assertThat(run.result0().shape()).isEqualTo(Shape.of(3));
        assertThat(Shares.combine(run.result0(), run.result1()))
            .containsExactly(PlainProducts.matmul(x.data(), y.data(), 1, 1, 4, 3, false));
        run.assertCost(ArithmeticCosts.matmul(xs, ys));
    }

    @ParameterizedTest(name = "x {0}x{1}x{2}x{3}, w {4}x{5}x{6}, stride {7}, pad {8}, dilation {9}, groups {10}")
    @CsvSource({
        "1, 1, 5, 5, 1, 1, 3, 1, 0, 1, 1",
        "2, 3, 7, 6, 4, 3, 3, 2, 1, 1, 1",
        "1, 4, 8, 8, 6, 2, 3, 1, 2, 2, 2",
        "1, 4, 6, 6, 4, 1, 3, 1, 1, 1, 4"})
    void conv2dMatchesPlaintextAtPredictedCost(int nb, int c, int h, int w, int o, int cg, int k, int stride,
                                               int pad, int dilation, int groups) {
        Shape xs = Shape.of(nb, c, h, w);
        Shape ws = Shape.of(o, cg, k, k);
        int[] strides = {stride, stride};
        int[] pads = {pad, pad, pad + 1, pad};
        int[] dilations = {dilation, dilation};
        LongTensor x = Shares.values(xs, Long.MAX_VALUE, rnd);
        LongTensor wt = Shares.values(ws, 1L << 40, rnd);
        LongTensor[] sx = shared(x);
        LongTensor[] sw = shared(wt);
        var run = TwoParties.run(33, p -> Arithmetic.conv2d(p, sx[p.id()], sw[p.id()], strides, pads, dilations,
            groups));
        Shape out = ProductShapes.conv2d(xs, ws, strides, pads, dilations, groups);
        assertThat(run.result0().shape()).isEqualTo(out);
        long[] want = PlainProducts.conv2d(x.data(), xs.dims(), wt.data(), ws.dims(), strides, pads, dilations,
            groups, out.dim(2), out.dim(3));
        assertThat(Shares.combine(run.result0(), run.result1())).containsExactly(want);
        run.assertCost(ArithmeticCosts.conv2d(xs, ws, strides, pads, dilations, groups));
    }

    @Test
    void mismatchedOperandsFailBeforeAnyTraffic() {
        LongTensor x = LongTensor.zeros(Shape.of(1, 4, 5, 5));
        LongTensor w = LongTensor.zeros(Shape.of(2, 3, 3, 3));
        int[] one = {1, 1};
        assertThatThrownBy(() -> Arithmetic.conv2d(null, x, w, one, new int[4], one, 1))
            .hasMessage("conv2d groups=1 do not fit input [1, 4, 5, 5] and weights [2, 3, 3, 3]");
        assertThatThrownBy(() -> Arithmetic.matmul(null, LongTensor.zeros(Shape.of(2, 3)),
            LongTensor.zeros(Shape.of(2, 3)))).hasMessage("matmul inner dimensions differ: [2, 3] and [2, 3]");
    }

    @Test
    void tripleSpecsRoundTripForTheRemoteDealer() {
        Recipe m = ArithmeticRecipes.matmulTriple(Shape.of(2, 3, 4), Shape.of(4, 5));
        Recipe c = ArithmeticRecipes.conv2dTriple(Shape.of(1, 4, 8, 8), Shape.of(6, 2, 3, 3), new int[] {1, 2},
            new int[] {0, 1, 2, 3}, new int[] {2, 1}, 2);
        for (Recipe r : new Recipe[] {m, c, ArithmeticRecipes.truncationPair(9, 16), ArithmeticRecipes.squarePair(5),
            ArithmeticRecipes.inputMask(1, 4), ArithmeticRecipes.triple(3)}) {
            Recipe back = Recipes.fromSpec(r.spec());
            assertThat(back.spec()).isEqualTo(r.spec());
            assertThat(back.components()).isEqualTo(r.components());
        }
        assertThat(m.offlineBytes()).isEqualTo(8L * 2 * 3 * 5);
    }
}
