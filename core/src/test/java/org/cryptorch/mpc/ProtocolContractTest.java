package org.cryptorch.mpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every {@link Protocol} promises, checked on a fused call of each built-in one between two parties: the
 * combined results equal {@link Protocol#simulate} (truncations within the one ulp of their stochastic rounding), the
 * measured traffic equals {@link Protocol#cost}, and the correlations taken are {@link Protocol#recipes}, in order.
 * A new protocol joins the list below.
 */
class ProtocolContractTest {
    /** Bound on the test values: inside every comparison width below and far from local truncation's failures. */
    private static final long LIMIT = 1L << 18;

    static Stream<Arguments> protocols() {
        Shape a = Shape.of(3, 5);
        Shape b = Shape.of(70);
        return Stream.of(
            Arguments.of(ElementwiseProduct.MUL, List.of(List.of(a, a), List.of(b, b)), 0),
            Arguments.of(ElementwiseProduct.SQUARE, List.of(List.of(a, a), List.of(b, b)), 0),
            Arguments.of(MatrixProduct.INSTANCE, List.of(List.of(Shape.of(2, 3), Shape.of(3, 4)),
                List.of(Shape.of(2, 4, 2), Shape.of(2, 5))), 0),
            Arguments.of(new Convolution(new int[] {1, 2}, new int[] {1, 0, 1, 2}, new int[] {1, 1}, 1),
                List.of(List.of(Shape.of(1, 2, 5, 5), Shape.of(3, 2, 3, 3))), 0),
            Arguments.of(new LessThanZero(20, false), List.of(List.of(a), List.of(b)), 0),
            Arguments.of(new LessThanZero(20, true), List.of(List.of(a, a), List.of(b, b)), 0),
            Arguments.of(new Truncate(8, Truncation.DEALER), List.of(List.of(a), List.of(b)), 1),
            Arguments.of(new Truncate(8, Truncation.LOCAL), List.of(List.of(a), List.of(b)), 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocols")
    void runCostAndCorrelationsAgree(Protocol protocol, List<List<Shape>> shapes, long tolerance) {
        SplittableRandom rnd = new SplittableRandom(41);
        List<List<LongTensor>> values = new ArrayList<>();
        List<List<LongTensor[]>> shares = new ArrayList<>();
        for (List<Shape> member : shapes) {
            List<LongTensor> v = member.stream().map(s -> Shares.values(s, LIMIT, rnd)).toList();
            values.add(v);
            shares.add(v.stream().map(x -> Shares.split(x, rnd)).toList());
        }
        TwoParties.Run<Taken> run = TwoParties.run(42, p -> {
            RecordingCorrelations log = new RecordingCorrelations(p.correlations());
            Party recorded = new Party(p.id(), p.peer(), log, p.fractionalBits());
            List<LongTensor> out = protocol.run(recorded, new Call<>(shares.stream().map(m -> m.stream()
                .map(s -> Arithmetic.Operand.fresh(s[p.id()])).toList()).toList()));
            return new Taken(out, log.takeLog());
        });
        List<LongTensor> want = protocol.simulate(new Call<>(values));
        for (int k = 0; k < want.size(); k++) {
            long[] got = Shares.combine(run.result0().results().get(k), run.result1().results().get(k));
            assertThat(run.result0().results().get(k).shape()).isEqualTo(want.get(k).shape());
            for (int i = 0; i < got.length; i++) {
                assertThat(Math.abs(got[i] - want.get(k).data()[i])).as("member %d element %d", k, i)
                    .isLessThanOrEqualTo(tolerance);
            }
        }
        Call<OperandShape> forms = new Call<>(shapes.stream().map(m -> m.stream().map(OperandShape::fresh).toList())
            .toList());
        run.assertCost(protocol.cost(forms));
        List<RecipeSpec> announced = protocol.recipes(forms).stream().map(Recipe::spec).toList();
        assertThat(run.result0().recipes()).isEqualTo(announced);
        assertThat(run.result1().recipes()).isEqualTo(announced);
    }

    private record Taken(List<LongTensor> results, List<RecipeSpec> recipes) {
    }
}
