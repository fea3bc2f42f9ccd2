package org.cryptorch.compile;

import java.util.List;
import org.cryptorch.mpc.Cost;

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
     * The width a fused comparison step runs at: the widest of its members' (each is correct for its inputs at any
     * larger width, and one call at one width is what lets them share rounds).
     */
    public int comparisonBits() {
        return widest(members);
    }

    static int widest(List<Instruction> members) {
        int bits = 0;
        for (Instruction i : members) {
            bits = Math.max(bits, switch (i) {
                case Instruction.Ltz l -> l.bits();
                case Instruction.LtzTimes l -> l.bits();
                default -> 0;
            });
        }
        return bits;
    }

    /** The sites of the members, without repeats, joined by commas. */
    public String sites() {
        return String.join(",", members.stream().map(Instruction::site).distinct().toList());
    }
}
