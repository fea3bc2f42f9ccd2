package org.cryptorch.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailuresTest {
    @Test
    void aFailureReportBecomesTheReasonAndTheFailingProcesssOwnLine() {
        String report = """
            party1 died (exit status 1) while waiting for party0 to finish the run
            --- standard error of dealer ---
            java.io.EOFException
            --- standard error of party1 ---
            party1: site 'relu_1' (Relu) needs an approximation
            \tat org.cryptorch.compile.Approximator.approximate(Approximator.java:30)
            --- standard error of party0 ---
            party0: party1 closed the connection""";
        assertThat(Failures.oneLine(report)).isEqualTo("party1 died (exit status 1) while waiting for party0 to "
            + "finish the run: party1: site 'relu_1' (Relu) needs an approximation");
    }

    @Test
    void aTimeoutNamesTheFirstProcessWithSomethingToSay() {
        String report = """
            timed out waiting for party0 to finish the run
            --- standard error of party0 ---
            party0: no message from party1 for 300 s""";
        assertThat(Failures.oneLine(report)).isEqualTo("timed out waiting for party0 to finish the run (party0: "
            + "no message from party1 for 300 s)");
    }

    @Test
    void aProcessThatOnlyLostItsPeerIsFollowedByThePeersOwnReason() {
        String report = """
            party0 died (exit status 1) while waiting for party0 to finish the run
            --- standard error of party1 ---
            party1: Java heap space
            --- standard error of party0 ---
            party0: connection to party1 closed during 'input'""";
        assertThat(Failures.oneLine(report)).isEqualTo("party0 died (exit status 1) while waiting for party0 to "
            + "finish the run: party0: connection to party1 closed during 'input' (party1: Java heap space)");
    }
}
