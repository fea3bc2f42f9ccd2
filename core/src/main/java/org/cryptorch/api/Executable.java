package org.cryptorch.api;

import org.cryptorch.mpc.Party;
import org.cryptorch.tensor.FloatTensor;

/**
 * A model compiled for one input shape: the fixed-point program and the two ways to run it. The same program runs
 * on the plain simulator and between parties.
 */
public interface Executable {
    /** Called around each program op while a party runs. */
    interface OpListener {
        OpListener NONE = new OpListener() {
        };

        default void beforeOp(int index, String op, String site) {
        }

        default void afterOp(int index) {
        }
    }

    /** Fractional bits of the fixed-point encoding the program was lowered for. */
    int fractionalBits();

    /** Number of program ops (progress and per-op statistics count them). */
    int opCount();

    /** The bit-exact fixed-point simulation in this process (the plain backend). */
    FloatTensor simulate(FloatTensor input);

    /**
     * This party's side of the private run.
     *
     * @param input the input if this party owns it, else null
     * @return the output at its owner, null at the other party
     */
    FloatTensor runParty(Party party, FloatTensor input, OpListener listener);
}
