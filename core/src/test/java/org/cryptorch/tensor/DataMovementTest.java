package org.cryptorch.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DataMovementTest {

    @Test
    void reshapeSharesDataAndChecksSize() {
        LongTensor t = Coords.iota(2, 3);
        LongTensor r = t.reshape(Shape.of(3, 2));
        assertThat(r.shape()).isEqualTo(Shape.of(3, 2));
        assertThat(r.data()).isSameAs(t.data());
        assertThat(LongTensor.scalar(5).reshape(Shape.of(1, 1)).data()).containsExactly(5);
        assertThatThrownBy(() -> t.reshape(Shape.of(4))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 3]");
    }

    @Test
    void permuteMatchesCoordinateReference() {
        int[] dims = {2, 3, 4};
        int[] perm = {2, 0, -2};
        LongTensor t = Coords.iota(dims);
        LongTensor p = t.permute(perm);
        assertThat(p.shape()).isEqualTo(Shape.of(4, 2, 3));
        int[] outDims = p.shape().dims();
        for (int f = 0; f < p.size(); f++) {
            int[] oc = Coords.unflatten(outDims, f);
            int[] ic = {oc[1], oc[2], oc[0]};
            assertThat(p.data()[f]).isEqualTo(Coords.flatten(dims, ic));
        }
        assertThatThrownBy(() -> t.permute(0, 0, 1)).hasMessageContaining("repeats axis 0");
        assertThatThrownBy(() -> t.permute(0, 1)).hasMessageContaining("wrong length");
    }

    @Test
    void transposeLast2SwapsMatrixAxes() {
        FloatTensor t = Coords.toFloat(Coords.iota(2, 2, 3));
        FloatTensor tt = t.transposeLast2();
        assertThat(tt.shape()).isEqualTo(Shape.of(2, 3, 2));
        assertThat(tt.data()).containsExactly(0, 3, 1, 4, 2, 5, 6, 9, 7, 10, 8, 11);
        assertThatThrownBy(() -> Coords.iota(3).transposeLast2()).hasMessageContaining("rank >= 2");
    }

    @Test
    void sliceFollowsNumpy() {
        LongTensor a = Coords.iota(10);
        assertThat(a.slice(0, 2, 8, 3).data()).containsExactly(2, 5);
        assertThat(a.slice(0, -3, Integer.MAX_VALUE, 1).data()).containsExactly(7, 8, 9);
        assertThat(a.slice(0, 8, 1, -2).data()).containsExactly(8, 6, 4, 2);
        assertThat(a.slice(0, Integer.MAX_VALUE, Integer.MIN_VALUE, -1).data())
                .containsExactly(9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
        assertThat(a.slice(0, 100, 200, 1).shape()).isEqualTo(Shape.of(0));
        assertThat(a.slice(0, -100, 3, 1).data()).containsExactly(0, 1, 2);
        assertThat(a.slice(0, 5, 2, 1).size()).isZero();
        assertThat(a.slice(0, -1, -11, -4).data()).containsExactly(9, 5, 1);
        assertThatThrownBy(() -> a.slice(0, 0, 1, 0)).hasMessageContaining("step");
    }

    @Test
    void sliceOnInnerAxisWithNegativeAxis() {
        LongTensor m = Coords.iota(3, 4);
        LongTensor s = m.slice(-1, 1, 3, 1);
        assertThat(s.shape()).isEqualTo(Shape.of(3, 2));
        assertThat(s.data()).containsExactly(1, 2, 5, 6, 9, 10);
        assertThatThrownBy(() -> m.slice(2, 0, 1, 1)).hasMessageContaining("axis 2 out of range");
    }

    @Test
    void concatAlongAxes() {
        LongTensor a = Coords.iota(2, 2);
        LongTensor b = LongTensor.of(Shape.of(2, 1), 10, 11);
        LongTensor c = LongTensor.concat(-1, List.of(a, b));
        assertThat(c.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(c.data()).containsExactly(0, 1, 10, 2, 3, 11);
        LongTensor rows = LongTensor.concat(0, List.of(a, LongTensor.zeros(Shape.of(0, 2)), a));
        assertThat(rows.data()).containsExactly(0, 1, 2, 3, 0, 1, 2, 3);
        FloatTensor f = FloatTensor.concat(0, List.of(FloatTensor.full(Shape.of(1), 2.5), FloatTensor.zeros(Shape.of(2))));
        assertThat(f.data()).containsExactly(2.5, 0, 0);
        assertThatThrownBy(() -> LongTensor.concat(0, List.of(a, b))).hasMessageContaining("cannot concat");
        assertThatThrownBy(() -> LongTensor.concat(0, List.of())).hasMessageContaining("at least one");
    }

    @Test
    void padWithConstantAndCrop() {
        LongTensor a = Coords.iota(2, 2);
        LongTensor p = a.pad(new int[] {1, 0}, new int[] {0, 2}, 7);
        assertThat(p.shape()).isEqualTo(Shape.of(3, 4));
        assertThat(p.data()).containsExactly(7, 7, 7, 7, 0, 1, 7, 7, 2, 3, 7, 7);
        LongTensor crop = Coords.iota(3, 3).pad(new int[] {-1, 0}, new int[] {0, -2}, 0);
        assertThat(crop.data()).containsExactly(3, 6);
        FloatTensor f = FloatTensor.of(Shape.of(1), 1.5).pad(new int[] {2}, new int[] {1}, -1.0);
        assertThat(f.data()).containsExactly(-1, -1, 1.5, -1);
        assertThatThrownBy(() -> a.pad(new int[] {1}, new int[] {1}, 0)).hasMessageContaining("one entry per axis");
        assertThatThrownBy(() -> a.pad(new int[] {-3, 0}, new int[] {0, 0}, 0)).hasMessageContaining("negative size");
    }

    @Test
    void gatherIsNumpyTake() {
        LongTensor m = Coords.iota(3, 4);
        LongTensor idx = LongTensor.of(Shape.of(2, 2), 0, -1, 2, 1);
        LongTensor rows = m.gather(0, idx);
        assertThat(rows.shape()).isEqualTo(Shape.of(2, 2, 4));
        assertThat(rows.data()).containsExactly(0, 1, 2, 3, 8, 9, 10, 11, 8, 9, 10, 11, 4, 5, 6, 7);
        LongTensor cols = m.gather(1, LongTensor.of(Shape.of(2), 3, 0));
        assertThat(cols.shape()).isEqualTo(Shape.of(3, 2));
        assertThat(cols.data()).containsExactly(3, 0, 7, 4, 11, 8);
        LongTensor picked = m.gather(1, LongTensor.scalar(-2));
        assertThat(picked.shape()).isEqualTo(Shape.of(3));
        assertThat(picked.data()).containsExactly(2, 6, 10);
        assertThatThrownBy(() -> m.gather(0, LongTensor.scalar(3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gather index 3 out of range");
        assertThatThrownBy(() -> m.gather(0, LongTensor.scalar(-4))).hasMessageContaining("-4");
    }

    @Test
    void broadcastToRepeatsUnitAxes() {
        // {3, 1}: the general index map; {1, 4} and {4}: whole copies of a trailing block (bias rows)
        for (int[][] c : new int[][][] {{{3, 1}, {2, 3, 4}}, {{1, 4}, {2, 3, 4}}, {{4}, {2, 3, 4}}, {{3, 4}, {2, 3, 4}}}) {
            int[] dims = c[0];
            int[] target = c[1];
            LongTensor b = Coords.iota(dims).broadcastTo(Shape.of(target));
            assertThat(b.shape()).isEqualTo(Shape.of(target));
            for (int f = 0; f < b.size(); f++) {
                assertThat(b.data()[f]).isEqualTo(Coords.broadcastSource(dims, Coords.unflatten(target, f)));
            }
        }
        LongTensor t = Coords.iota(3, 1);
        assertThat(t.broadcastTo(Shape.of(3, 1))).isSameAs(t);
        assertThat(LongTensor.scalar(4).broadcastTo(Shape.of(2)).data()).containsExactly(4, 4);
        assertThatThrownBy(() -> t.broadcastTo(Shape.of(2, 1))).hasMessageContaining("cannot broadcast");
        assertThatThrownBy(() -> t.broadcastTo(Shape.of(3))).hasMessageContaining("lower rank");
    }

    @Test
    void copyIsIndependent() {
        LongTensor t = LongTensor.full(Shape.of(2), 3);
        LongTensor c = t.copy();
        c.data()[0] = 9;
        assertThat(t.data()).containsExactly(3, 3);
        assertThat(FloatTensor.scalar(1.25).copy().data()).containsExactly(1.25);
    }

    @Test
    void factoriesAndValidation() {
        assertThat(LongTensor.of(Shape.scalar(), 42).size()).isEqualTo(1);
        assertThat(FloatTensor.zeros(Shape.of(0, 5)).size()).isZero();
        assertThatThrownBy(() -> LongTensor.of(Shape.of(2), 1)).hasMessageContaining("does not match");
        assertThatThrownBy(() -> new FloatTensor(Shape.of(1), new double[1], DType.INT64))
                .hasMessageContaining("FloatTensor cannot hold INT64");
    }
}
