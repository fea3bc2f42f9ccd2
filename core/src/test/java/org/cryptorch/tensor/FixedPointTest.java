package org.cryptorch.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FixedPointTest {

    @Test
    void scalarEncodingRoundsToNearest() {
        assertThat(FixedPoint.encode(1.0, 16)).isEqualTo(65536);
        assertThat(FixedPoint.encode(-1.5, 16)).isEqualTo(-98304);
        assertThat(FixedPoint.encode(0.3 / 65536, 16)).isZero();
        assertThat(FixedPoint.encode(0.7 / 65536, 16)).isEqualTo(1);
        assertThat(FixedPoint.encode(-0.7 / 65536, 16)).isEqualTo(-1);
        assertThat(FixedPoint.encode(3.0, 0)).isEqualTo(3);
        assertThat(FixedPoint.decode(-98304, 16)).isEqualTo(-1.5);
        assertThat(FixedPoint.decode(Long.MIN_VALUE, 16)).isEqualTo(-0x1p47);
        assertThat(FixedPoint.decode(-1L, 16)).isEqualTo(-1.0 / 65536);
    }

    @Test
    void roundTripErrorIsAtMostHalfUlp() {
        Random rnd = new Random(3);
        double[] values = new double[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (rnd.nextDouble() - 0.5) * 2e6;
        }
        values[0] = 0;
        values[1] = -0x1p46;
        FloatTensor x = FloatTensor.of(Shape.of(10, 100), values);
        LongTensor enc = FixedPoint.encode(x, 16);
        FloatTensor dec = FixedPoint.decode(enc, 16);
        assertThat(dec.shape()).isEqualTo(x.shape());
        for (int i = 0; i < values.length; i++) {
            assertThat(Math.abs(dec.data()[i] - values[i])).isLessThanOrEqualTo(0.5 / 65536);
            assertThat(enc.data()[i]).isEqualTo(Math.round(values[i] * 65536));
        }
    }

    @Test
    void rejectsValuesOutsideTheRing() {
        assertThat(FixedPoint.encode(0x1p47 - 1, 16)).isEqualTo(Long.MAX_VALUE - 65535);
        assertThat(FixedPoint.encode(-0x1p47, 16)).isEqualTo(Long.MIN_VALUE);
        assertThatThrownBy(() -> FixedPoint.encode(0x1p47, 16)).hasMessageContaining("outside the ring")
                .hasMessageContaining("2^47");
        assertThatThrownBy(() -> FixedPoint.encode(Double.NaN, 16)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> FixedPoint.encode(Double.NEGATIVE_INFINITY, 16)).hasMessageContaining("Infinity");
        FloatTensor bad = FloatTensor.of(Shape.of(2), 1, Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> FixedPoint.encode(bad, 16)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FixedPoint.encode(1, 63)).hasMessageContaining("fractional bits 63");
    }
}
