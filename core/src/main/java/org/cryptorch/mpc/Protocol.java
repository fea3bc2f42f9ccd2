package org.cryptorch.mpc;

import java.util.List;
import org.cryptorch.tensor.LongTensor;

/**
 * One two-party protocol as a whole: what it computes (the plain simulation), how both parties run it, what one
 * call costs and which correlations it takes, the last two from shapes alone (the protocols are data-oblivious).
 * Its parameters (a comparison width, a truncation shift, a convolution's geometry) are the fields of the
 * implementing record. A call may fuse several members ({@link Call}); {@link #run} must take exactly
 * {@link #recipes} of the call's shapes, in order, which is what lets a program announce its dealer needs before it
 * runs.
 *
 * <p>Adding a protocol: implement this (with any new {@link Recipe} kinds next to it, registered in
 * {@link BuiltinRecipes} so a remote dealer can rebuild them), and emit it from the compiler as an
 * {@code Instruction.Call}; the interpreter, the backends, the costs and the dealer needs then handle it unchanged.
 */
public interface Protocol {
    /** Name in statistics, traffic labels and program listings ({@code mul}, {@code ltz}, ...). */
    String name();

    /** Whether a call exchanges messages (a step of its own in the schedule); false for local truncation. */
    default boolean communicates() {
        return true;
    }

    /**
     * Calls of one communication layer whose protocols have equal keys run as one call of their {@link #join} (they
     * share its rounds); null for a protocol whose calls always run alone.
     */
    default String fusionKey() {
        return name();
    }

    /** The protocol one call running the members of this and {@code other} (of equal {@link #fusionKey}) runs. */
    default Protocol join(Protocol other) {
        if (!equals(other)) {
            throw new IllegalArgumentException("calls of " + this + " and " + other + " cannot run as one");
        }
        return this;
    }

    /**
     * What, besides the name, selects different code in {@link #run} (a comparison's width); a warm-up that should
     * exercise every code path a program runs covers every variant. Empty by default.
     */
    default String variant() {
        return "";
    }

    /** Rounds and bytes of one call. */
    Cost cost(Call<OperandShape> call);

    /** The correlations one call takes, in the order {@link #run} takes them. */
    List<Recipe> recipes(Call<OperandShape> call);

    /** Runs one call at this party: its shares of each member's result. Both parties make the same call. */
    List<LongTensor> run(Party party, Call<Arithmetic.Operand> call);

    /**
     * The same call on whole values, in one process: bit-exact for deterministic protocols, one of the possible
     * outcomes for randomised ones (see {@code exec.PlainBackend}).
     */
    List<LongTensor> simulate(Call<LongTensor> call);

    /** The expected number of elements of this call (on these whole values) a run would get wrong; 0 for most. */
    default double expectedFailures(Call<LongTensor> call) {
        return 0;
    }
}
