package org.cryptorch.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.Test;

class PartyClocksTest {
    private static final double D = 0.02;

    private static PartyClocks.Step both(long rounds, double seconds) {
        return new PartyClocks.Step(rounds, 8, 8, seconds);
    }

    private static PartyClocks.Step from0() {
        return new PartyClocks.Step(1, 8, 0, 0);
    }

    private static PartyClocks.Step from1() {
        return new PartyClocks.Step(1, 0, 8, 0);
    }

    @Test
    void roundsInWhichBothSendCostOneDelayEach() {
        assertThat(PartyClocks.seconds(List.of(both(5, 0)), D, 0)).isEqualTo(5 * D, offset(1e-12));
    }

    @Test
    void withoutDelayTheStepsWorkAddsUp() {
        List<PartyClocks.Step> steps = List.of(both(2, 0.1), from0(), new PartyClocks.Step(0, 0, 0, 0.05), from1());
        assertThat(PartyClocks.seconds(steps, 0, 0)).isEqualTo(0.15, offset(1e-12));
    }

    @Test
    void aOneSidedRoundByThePartyAheadCostsNoDelay() {
        // mnist_cnn's shape: input (0 -> 1), 4 rounds, product with party 1's weight (0 -> 1), 4 rounds, product,
        // 4 rounds, product, output (1 -> 0): 17 rounds, 14 delays on the critical path
        List<PartyClocks.Step> mnist = List.of(from0(), both(4, 0), from0(), both(4, 0), from0(), both(4, 0), from0(),
            from1());
        assertThat(PartyClocks.seconds(mnist, D, 0)).isEqualTo(14 * D, offset(1e-12));
        // consecutive one-way messages in one direction travel together
        assertThat(PartyClocks.seconds(List.of(from0(), from0(), from0()), D, 0)).isEqualTo(D, offset(1e-12));
        // a reply waits for what it answers
        assertThat(PartyClocks.seconds(List.of(from0(), from1()), D, 0)).isEqualTo(2 * D, offset(1e-12));
    }

    @Test
    void bytesAddTheirWireTimeToTheDelay() {
        PartyClocks.Step big = new PartyClocks.Step(2, 1000, 3000, 0);
        // 500 and 1500 bytes per round: the chain of waits crosses from one direction to the other each round, so
        // two rounds take two delays plus one round's bytes each way
        assertThat(PartyClocks.seconds(List.of(big), D, 1e-6)).isEqualTo(2 * D + 2e-3, offset(1e-12));
    }
}
