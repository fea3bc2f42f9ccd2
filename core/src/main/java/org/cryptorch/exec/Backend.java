package org.cryptorch.exec;

import java.util.List;
import java.util.Optional;
import org.cryptorch.mpc.Protocol;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;

/**
 * The party-dependent and communicating part of the MPC instruction set, on tensor handles (a party's share, or
 * the whole value in the plain simulator): the program's inputs, weights and outputs, and calls of the two-party
 * protocols. Local linear ops and data movement act on shares as on plain values, so the {@link Interpreter} does
 * those itself. Methods taking lists run fused: all operands in the rounds of one call.
 */
public interface Backend {
    /** Whether this process holds the data of {@code party} (inputs it owns, outputs it receives). */
    boolean actsFor(int party);

    /** Fractional bits the backend's fixed point uses. */
    int fractionalBits();

    /**
     * Secrets supplied by {@code owner}, in one round: the owner passes the encoded values, the other party null.
     */
    List<LongTensor> input(int owner, List<LongTensor> valuesOrNull, List<Shape> shapes);

    /**
     * A secret weight of {@code owner}, shared once per session under the fixed mask {@code maskId} (unique per
     * weight of the session): products with the returned handle open only their other operand. The owner passes
     * the encoded value, the other party null.
     */
    LongTensor weight(int owner, LongTensor valueOrNull, Shape shape, int maskId);

    /**
     * Tells the backend that {@code share} holds the run's single input of {@code owner} exactly as it was shared
     * (the input's handle or a reshape of it, see {@code Program.maskedInputs}), so products may use it under its
     * input mask instead of opening it. A backend that does not communicate ignores it.
     */
    default void keepInputMask(LongTensor share, int owner) {
    }

    /** A public ring tensor as a sharing. */
    LongTensor sharePublic(LongTensor value);

    /** x + c for a public c (broadcasting). */
    LongTensor addPublic(LongTensor x, LongTensor c);

    /**
     * Runs one call of {@code protocol} on the members' operands (per member, its operands in the protocol's order):
     * this party's shares of the members' results (the whole values in the plain simulator).
     */
    List<LongTensor> run(Protocol protocol, List<List<LongTensor>> members);

    /** Opens the xs to {@code receiver} in one round; empty for the other party. */
    Optional<List<LongTensor>> reveal(List<LongTensor> xs, int receiver);

    /** Online traffic so far (zero for a backend that does not communicate). */
    Traffic traffic();

    /**
     * Rounds and bytes sent by this party, as counted by its channel, and the time spent on offline work that ran
     * inside protocol calls (correlations fetched late, see {@code Correlations#offlineNanos}), which online timings
     * leave out.
     */
    record Traffic(long rounds, long bytesSent, long offlineNanos) {
        public static final Traffic NONE = new Traffic(0, 0, 0);

        public Traffic minus(Traffic before) {
            return new Traffic(rounds - before.rounds, bytesSent - before.bytesSent,
                offlineNanos - before.offlineNanos);
        }
    }
}
