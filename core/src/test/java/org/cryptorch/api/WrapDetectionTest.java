package org.cryptorch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 point 12: a local truncation that wrapped leaves 2^32 (at f = 16) in an output element; the output owner
 * refuses such an output instead of writing it (CrypTen's profile on BERT-base gave 4e9 in one run of two).
 */
class WrapDetectionTest {
    @Test
    void anOutputOffByAWrapIsRefusedAndALargeRealOneKept() {
        FloatTensor wrapped = FloatTensor.of(Shape.of(3), 0.5, -2.0, 0.25 - Math.scalb(1.0, 32));
        assertThatThrownBy(() -> PartySession.requireNoWrap(wrapped, 16))
            .hasMessageStartingWith("output element 2 is -4.29e+09: a local truncation wrapped");
        FloatTensor large = FloatTensor.of(Shape.of(2), 1e9, -2e9);
        assertThat(PartySession.requireNoWrap(large, 16)).isSameAs(large);
    }
}
