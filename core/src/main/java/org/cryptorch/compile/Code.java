package org.cryptorch.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.cryptorch.tensor.Shape;

/**
 * A lowered model before scheduling: the secret weights shared at setup, then the instructions in dependency order,
 * over numbered slots each with a static shape and a scale (fractional bits). What {@link Stage#LOWER} makes and
 * {@link Stage#SCHEDULE} turns into a {@link Program}.
 *
 * @param comparisonWidths the width chosen for every comparison, by node name (see {@link Program#comparisonWidths})
 */
record Code(int fractionalBits, List<Instruction.Weight> setup, List<Instruction> instructions, Shape[] shapes,
            int[] scales, Map<String, Integer> comparisonWidths) {
    Code {
        setup = List.copyOf(setup);
        instructions = List.copyOf(instructions);
    }

    /** This code with other instructions over the same slots. */
    Code withInstructions(List<Instruction> replaced) {
        return new Code(fractionalBits, setup, replaced, shapes, scales, comparisonWidths);
    }

    /** One line per instruction, the setup first. */
    String listing() {
        List<String> lines = new ArrayList<>();
        setup.forEach(w -> lines.add("setup " + line(w, shapes, scales)));
        instructions.forEach(i -> lines.add(line(i, shapes, scales)));
        lines.add(instructions.size() + " instructions over " + shapes.length + " slots");
        return String.join("\n", lines) + "\n";
    }

    /** {@code s7 = mul(s3, s5) [2, 8] scale 32  # site}: the slot written, the slots read, its shape and scale. */
    static String line(Instruction i, Shape[] shapes, int[] scales) {
        String reads = i.ins().stream().map(s -> "s" + s).collect(Collectors.joining(", "));
        String call = i.op() + "(" + reads + ")";
        int out = i.out();
        return (out < 0 ? call : "s" + out + " = " + call + " " + shapes[out] + " scale " + scales[out])
            + "  # " + i.site();
    }
}
