package org.cryptorch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.cryptorch.exec.PlainBackend;
import org.cryptorch.mpc.Truncate;
import org.cryptorch.mpc.Truncation;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
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

    /** The plain backend sums |x|/2^64 over locally truncated values: the expected failures of a private run. */
    @Test
    void theSimulationCountsExpectedLocalTruncationFailures() {
        PlainBackend plain = new PlainBackend(16);
        LongTensor x = LongTensor.of(Shape.of(2), 1L << 62, -(1L << 61));
        plain.run(new Truncate(16, Truncation.DEALER), List.of(List.of(x)));
        assertThat(plain.expectedLocalTruncationFailures()).isZero();
        plain.run(new Truncate(16, Truncation.LOCAL), List.of(List.of(x)));
        assertThat(plain.expectedLocalTruncationFailures()).isEqualTo(0.375);
    }
}
