package org.cryptorch.mpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.cryptorch.tensor.FixedPoint;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.api.Test;

/**
 * Errors are where plaintext tends to leak: a protocol that fails because the peer misbehaves must not print or
 * put into its exception messages the secret input of either party. Party 0 inputs a recognisable value; party 1
 * breaks the protocol mid-way; nothing written to standard output or error and no message in the exception chain
 * may contain that value in any usual spelling.
 */
class NoPlaintextInLogsTest {
    private static final double SECRET = 4242.1337;
    private static final Shape SHAPE = Shape.of(4);

    @Test
    void aBrokenPeerLeavesNoPlaintextInErrorsOrOutput() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        Throwable failure;
        try {
            PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
            System.setOut(capture);
            System.setErr(capture);
            failure = catchFailure();
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        assertThat(failure).as("the broken protocol must fail").isNotNull();
        assertThat(failure.getCause()).hasMessageContaining("party1").hasMessageContaining("mul");
        StringBuilder everything = new StringBuilder(printed.toString(StandardCharsets.UTF_8));
        for (Throwable t = failure; t != null; t = t.getCause()) {
            everything.append('\n').append(t);
        }
        long encoded = FixedPoint.encode(SECRET, TwoParties.FRACTIONAL_BITS);
        for (String spelling : List.of("4242.13", "4242,13", Long.toString(encoded), Long.toHexString(encoded),
            Long.toString(encoded >>> TwoParties.FRACTIONAL_BITS))) {
            assertThat(everything.toString()).as("output and errors mention %s", spelling).doesNotContain(spelling);
        }
    }

    private static Throwable catchFailure() {
        List<Throwable> caught = new ArrayList<>();
        assertThatThrownBy(() -> TwoParties.run(3, p -> {
            LongTensor x = p.id() == 0
                ? Arithmetic.provideInput(p, LongTensor.full(SHAPE, FixedPoint.encode(SECRET, TwoParties.FRACTIONAL_BITS)))
                : Arithmetic.receiveInput(p, SHAPE);
            if (p.id() == 1) {
                p.sendRound(new long[] {1, 2, 3}); // the wrong number of words for a 4-element product
                return x;
            }
            return Arithmetic.mul(p, x, x);
        })).satisfies(caught::add);
        return caught.get(0);
    }
}
