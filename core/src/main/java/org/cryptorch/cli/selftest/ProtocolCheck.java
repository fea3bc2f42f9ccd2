package org.cryptorch.cli.selftest;

/**
 * One line of the selftest: runs a protocol at both parties on random data and checks it. {@link #run} executes at
 * each party with the same code; it generates this party's input, wraps the protocol itself in
 * {@link PartySession#online} (the only part that is timed and whose traffic is measured), and then verifies through
 * the session's helpers, which give party 0 party 1's data after the run.
 */
public interface ProtocolCheck {
    /** The contract name printed in the {@code name} field. */
    String name();

    /**
     * Runs at one party. The runner calls it twice per line: a warm-up pass that records the correlations the online
     * part takes, and the measured pass that fetches them from the dealer beforehand.
     *
     * @return party 0's outcome; party 1's return value is ignored
     */
    CheckOutcome run(PartySession s);
}
