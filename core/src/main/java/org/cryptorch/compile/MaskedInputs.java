package org.cryptorch.compile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The slots that hold the run's secret input exactly as shared: the input's own slot and reshapes of it (same
 * elements in the same order). Its owner sent X - R under an input mask R that it knows in full, so the input is
 * shared the way a weight is ({@code FixedMask}): the owner's share R, the other's X - R, known to both ends of the
 * product. A product of such a slot with a weight therefore opens nothing (the dealer derives its triple from R,
 * which it generated), and one with a fresh secret opens only that: the first layer costs no round. Only a program
 * with a single input qualifies, so that "the input mask" names one correlation of the run for the dealer.
 */
final class MaskedInputs {
    /** ONNX ops that keep the elements in order and only change the shape. */
    private static final Set<String> RESHAPES = Set.of("Reshape", "Flatten", "Squeeze", "Unsqueeze");

    private MaskedInputs() {
    }

    /** Owner of the input held in each qualifying slot; empty unless {@code code} has exactly one input. */
    static Map<Integer, Integer> of(List<Instruction> code) {
        List<Instruction.Input> inputs = code.stream().filter(i -> i instanceof Instruction.Input)
            .map(i -> (Instruction.Input) i).toList();
        if (inputs.size() != 1) {
            return Map.of();
        }
        Map<Integer, Integer> owners = new HashMap<>();
        owners.put(inputs.get(0).out(), inputs.get(0).owner());
        // code is in dependency order, so one pass sees every reshape after its operand
        for (Instruction i : code) {
            if (i instanceof Instruction.Reshape r && r.reshape() && owners.containsKey(r.a())) {
                owners.put(r.out(), owners.get(r.a()));
            } else if (i instanceof Instruction.Move m && RESHAPES.contains(m.node().opType())
                && owners.containsKey(m.slots().get(0))) {
                owners.put(m.out(), owners.get(m.slots().get(0)));
            }
        }
        return Map.copyOf(owners);
    }
}
