package org.cryptorch.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.LongBinaryOperator;
import org.junit.jupiter.api.Test;

class LongArithmeticTest {
    private final Random rnd = new Random(7);

    /** Checks op(a, b) against a scalar loop over numpy-broadcast coordinates. */
    private void checkBroadcast(int[] aDims, int[] bDims, int[] outDims,
                                BiFunction<LongTensor, LongTensor, LongTensor> op, LongBinaryOperator ref) {
        LongTensor a = Coords.randomLong(rnd, aDims);
        LongTensor b = Coords.randomLong(rnd, bDims);
        LongTensor c = op.apply(a, b);
        assertThat(c.shape()).isEqualTo(Shape.of(outDims));
        for (int f = 0; f < c.size(); f++) {
            int[] oc = Coords.unflatten(outDims, f);
            long expected = ref.applyAsLong(a.data()[Coords.broadcastSource(aDims, oc)],
                    b.data()[Coords.broadcastSource(bDims, oc)]);
            assertThat(c.data()[f]).isEqualTo(expected);
        }
    }

    private void checkAllShapes(BiFunction<LongTensor, LongTensor, LongTensor> op, LongBinaryOperator ref) {
        checkBroadcast(new int[] {37}, new int[] {37}, new int[] {37}, op, ref);
        checkBroadcast(new int[] {2, 1, 3}, new int[] {4, 1}, new int[] {2, 4, 3}, op, ref);
        checkBroadcast(new int[] {}, new int[] {}, new int[] {}, op, ref);
        checkBroadcast(new int[] {5, 3}, new int[] {}, new int[] {5, 3}, op, ref);
        checkBroadcast(new int[] {0, 3}, new int[] {3}, new int[] {0, 3}, op, ref);
    }

    @Test
    void addSubMulWrapAndBroadcast() {
        checkAllShapes(LongTensor::add, Long::sum);
        checkAllShapes(LongTensor::sub, (x, y) -> x - y);
        checkAllShapes(LongTensor::mul, (x, y) -> x * y);
        checkAllShapes((x, y) -> x.zip(y, (p, q) -> p ^ q), (x, y) -> x ^ y);
        assertThat(LongTensor.scalar(Long.MAX_VALUE).add(LongTensor.scalar(1)).data()).containsExactly(Long.MIN_VALUE);
        assertThatThrownBy(() -> Coords.iota(2).add(Coords.iota(3))).hasMessageContaining("do not broadcast");
    }

    @Test
    void inPlaceVariantsModifyReceiverOnly() {
        LongTensor a = Coords.randomLong(rnd, 3, 4);
        LongTensor b = Coords.randomLong(rnd, 4);
        long[] before = a.data().clone();
        assertThat(a.addInPlace(b)).isSameAs(a);
        for (int i = 0; i < 12; i++) {
            assertThat(a.data()[i]).isEqualTo(before[i] + b.data()[i % 4]);
        }
        a.subInPlace(b);
        assertThat(a.data()).containsExactly(before);
        a.mulInPlace(b);
        for (int i = 0; i < 12; i++) {
            assertThat(a.data()[i]).isEqualTo(before[i] * b.data()[i % 4]);
        }
        assertThatThrownBy(() -> b.addInPlace(a)).hasMessageContaining("lower rank");
    }

    @Test
    void unaryAndScalarOps() {
        LongTensor a = Coords.randomLong(rnd, 19);
        long c = rnd.nextLong();
        LongTensor neg = a.neg();
        LongTensor plus = a.addScalar(c);
        LongTensor times = a.mulScalar(c);
        LongTensor shifted = a.shiftRight(13);
        LongTensor squared = a.map(x -> x * x);
        for (int i = 0; i < 19; i++) {
            long x = a.data()[i];
            assertThat(neg.data()[i]).isEqualTo(-x);
            assertThat(plus.data()[i]).isEqualTo(x + c);
            assertThat(times.data()[i]).isEqualTo(x * c);
            assertThat(shifted.data()[i]).isEqualTo(x >> 13);
            assertThat(squared.data()[i]).isEqualTo(x * x);
        }
        assertThat(LongTensor.scalar(-5).shiftRight(1).data()).containsExactly(-3);
        assertThatThrownBy(() -> a.shiftRight(64)).hasMessageContaining("64 bits");
    }

    @Test
    void sumMatchesReferenceOverAxes() {
        int[] dims = {2, 3, 4};
        LongTensor a = Coords.randomLong(rnd, dims);
        int[][] axesCases = {{}, {0}, {-1}, {0, 2}, {1, 0, 2}};
        for (int[] axes : axesCases) {
            for (boolean keep : new boolean[] {true, false}) {
                LongTensor s = a.sum(axes, keep);
                boolean[] reduced = new boolean[3];
                for (int ax : axes) {
                    reduced[Math.floorMod(ax, 3)] = true;
                }
                int[] kept = dims.clone();
                for (int ax = 0; ax < 3; ax++) {
                    kept[ax] = reduced[ax] ? 1 : dims[ax];
                }
                long[] expected = new long[Coords.size(kept)];
                for (int f = 0; f < a.size(); f++) {
                    int[] c = Coords.unflatten(dims, f);
                    for (int ax = 0; ax < 3; ax++) {
                        c[ax] = reduced[ax] ? 0 : c[ax];
                    }
                    expected[Coords.flatten(kept, c)] += a.data()[f];
                }
                assertThat(s.data()).containsExactly(expected);
                assertThat(s.shape().size()).isEqualTo(expected.length);
                assertThat(s.shape().rank()).isEqualTo(keep ? 3 : 3 - axes.length);
            }
        }
        assertThat(a.sum(a.shape().allAxes(), false).shape()).isEqualTo(Shape.scalar());
        assertThat(LongTensor.zeros(Shape.of(0, 3)).sum(new int[] {0}, false).data()).containsExactly(0, 0, 0);
        assertThat(LongTensor.scalar(9).sum(new int[0], false).data()).containsExactly(9);
        assertThatThrownBy(() -> a.sum(new int[] {1, -2}, false)).hasMessageContaining("listed twice");
    }
}
