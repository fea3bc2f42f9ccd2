package org.cryptorch.mpc;

import java.util.List;

/**
 * The operands of one call of a {@link Protocol}: one row per member, its operands in order. A call with several
 * members runs them all in the rounds of one (their openings travel in one message). The operands are
 * {@link OperandShape}s for the cost and the correlations, a party's {@link Arithmetic.Operand}s for the run, and
 * whole values for the plain simulation.
 */
public record Call<T>(List<List<T>> members) {
    public Call {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a protocol call needs at least one member");
        }
        members = members.stream().map(List::copyOf).toList();
    }

    /** The {@code k}-th operand of every member, in member order. */
    public List<T> operand(int k) {
        return members.stream().map(m -> m.get(k)).toList();
    }

    /** The only member's operands; fails for a fused call (of a protocol whose calls are never fused). */
    public List<T> single() {
        if (members.size() != 1) {
            throw new IllegalStateException("a call of " + members.size() + " members where one was expected");
        }
        return members.get(0);
    }
}
