package org.cryptorch.compile;

import java.util.List;
import org.cryptorch.mpc.Cost;
import org.cryptorch.mpc.Protocol;

/**
 * What the interpreter runs at once: one local instruction, or a group of communicating instructions of the same
 * kind in the same communication layer, fused so that they share their rounds (their openings are concatenated
 * into one message). {@code cost} is the predicted cost of the whole step.
 *
 * @param layer the communication layer: the number of rounds-taking steps on the longest path before it
 */
public record Step(String op, int layer, List<Instruction> members, Cost cost) {
    public Step {
        members = List.copyOf(members);
    }

    public boolean communicates() {
        return members.get(0).communicates();
    }

    /**
     * The protocol one call of a step of {@link Instruction.Call}s runs: its members' protocols joined (a fused
     * comparison runs at the widest member's width, which is correct for all of them, and one call at one width is
     * what lets them share rounds); null for a step of other instructions.
     */
    public Protocol protocol() {
        return protocol(members);
    }

    static Protocol protocol(List<Instruction> members) {
        if (!(members.get(0) instanceof Instruction.Call)) {
            return null;
        }
        Protocol joined = null;
        for (Instruction i : members) {
            Protocol p = ((Instruction.Call) i).protocol();
            joined = joined == null ? p : joined.join(p);
        }
        return joined;
    }

    /** The sites of the members, without repeats, joined by commas. */
    public String sites() {
        return String.join(",", members.stream().map(Instruction::site).distinct().toList());
    }
}
