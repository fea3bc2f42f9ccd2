package org.cryptorch.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FloatOpsTest {
    private final FloatTensor m = FloatTensor.of(Shape.of(2, 3), 1, -2, 3, 4, 5, -6);

    @Test
    void elementwiseWithBroadcasting() {
        FloatTensor row = FloatTensor.of(Shape.of(3), 10, 20, 30);
        assertThat(m.add(row).data()).containsExactly(11, 18, 33, 14, 25, 24);
        assertThat(m.sub(row).data()).containsExactly(-9, -22, -27, -6, -15, -36);
        assertThat(m.mul(FloatTensor.scalar(2)).data()).containsExactly(2, -4, 6, 8, 10, -12);
        assertThat(m.div(FloatTensor.of(Shape.of(2, 1), 1, 2)).data()).containsExactly(1, -2, 3, 2, 2.5, -3);
        assertThat(m.zip(row, Math::max).data()).containsExactly(10, 20, 30, 10, 20, 30);
        assertThat(m.map(Math::abs).data()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(FloatTensor.zeros(Shape.of(0, 3)).add(row).shape()).isEqualTo(Shape.of(0, 3));
        assertThatThrownBy(() -> m.add(FloatTensor.zeros(Shape.of(2)))).hasMessageContaining("do not broadcast");
    }

    @Test
    void reductions() {
        assertThat(m.sum(new int[] {0}, false).data()).containsExactly(5, 3, -3);
        assertThat(m.sum(new int[] {-1}, true).shape()).isEqualTo(Shape.of(2, 1));
        assertThat(m.sum(new int[] {-1}, true).data()).containsExactly(2, 3);
        assertThat(m.mean(m.shape().allAxes(), false).data()).containsExactly(5.0 / 6);
        assertThat(m.max(new int[] {1}, false).data()).containsExactly(3, 5);
        assertThat(m.min(new int[] {0, 1}, true).data()).containsExactly(-6);
        assertThat(m.min(new int[] {0, 1}, true).shape()).isEqualTo(Shape.of(1, 1));
        assertThat(FloatTensor.of(Shape.of(2), 1, Double.NaN).max(new int[] {0}, false).data()[0]).isNaN();
        assertThat(FloatTensor.zeros(Shape.of(0, 2)).mean(new int[] {0}, false).data()[0]).isNaN();
        assertThat(FloatTensor.zeros(Shape.of(0, 2)).sum(new int[] {0}, false).data()).containsExactly(0, 0);
        assertThatThrownBy(() -> FloatTensor.zeros(Shape.of(0, 2)).max(new int[] {0}, false))
                .hasMessageContaining("empty groups");
        assertThat(FloatTensor.zeros(Shape.of(2, 0)).max(new int[] {0}, false).shape()).isEqualTo(Shape.of(0));
    }

    @Test
    void argmaxTakesFirstMaximum() {
        FloatTensor t = FloatTensor.of(Shape.of(2, 3), 1, 7, 7, 9, 2, 9);
        assertThat(t.argmax(1).data()).containsExactly(1, 0);
        assertThat(t.argmax(-2).data()).containsExactly(1, 0, 1);
        assertThat(t.argmax(0).shape()).isEqualTo(Shape.of(3));
        assertThat(FloatTensor.of(Shape.of(3), 1, Double.NaN, 5).argmax(0).data()).containsExactly(1);
        assertThat(FloatTensor.zeros(Shape.of(0, 3)).argmax(1).shape()).isEqualTo(Shape.of(0));
        assertThatThrownBy(() -> FloatTensor.zeros(Shape.of(2, 0)).argmax(1)).hasMessageContaining("empty axis");
    }
}
