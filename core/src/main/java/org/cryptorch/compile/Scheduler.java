package org.cryptorch.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Groups instructions into communication layers and fuses them. The layer of an instruction is the number of
 * communicating instructions on the longest dependency path before it. Within a layer, local instructions run
 * first (they only need earlier layers), then the communicating ones; those of the same fusion key (element-wise
 * products, squares, comparisons of one width, dealer truncations of one shift) become one step whose openings
 * travel in one message, so k independent products cost the rounds of one. Bilinear products, inputs and outputs
 * stay single steps.
 */
final class Scheduler {
    private Scheduler() {
    }

    static List<Step> schedule(List<Instruction> instructions, ProgramCosts costs, int slotCount) {
        int[] level = new int[slotCount];
        TreeMap<Integer, List<Instruction>> local = new TreeMap<>();
        TreeMap<Integer, Map<String, List<Instruction>>> remote = new TreeMap<>();
        for (Instruction i : instructions) {
            int layer = 0;
            for (int s : i.ins()) {
                layer = Math.max(layer, level[s]);
            }
            if (i.communicates()) {
                remote.computeIfAbsent(layer, k -> new LinkedHashMap<>())
                    .computeIfAbsent(fusionKey(i), k -> new ArrayList<>()).add(i);
            } else {
                local.computeIfAbsent(layer, k -> new ArrayList<>()).add(i);
            }
            if (i.out() >= 0) {
                level[i.out()] = layer + (i.communicates() ? 1 : 0);
            }
        }
        List<Step> steps = new ArrayList<>();
        int last = Math.max(local.isEmpty() ? 0 : local.lastKey(), remote.isEmpty() ? 0 : remote.lastKey());
        for (int layer = 0; layer <= last; layer++) {
            for (Instruction i : local.getOrDefault(layer, List.of())) {
                steps.add(new Step(i.op(), layer, List.of(i), costs.of(i)));
            }
            for (List<Instruction> group : remote.getOrDefault(layer, Map.of()).values()) {
                steps.add(new Step(group.get(0).op(), layer, group, costs.ofGroup(group)));
            }
        }
        return steps;
    }

    /** Instructions with equal keys in one layer share their rounds; a unique key keeps one alone. */
    static String fusionKey(Instruction i) {
        return switch (i) {
            case Instruction.Mul m -> m.op();
            case Instruction.Ltz l -> "ltz/" + l.bits();
            case Instruction.LtzTimes l -> "ltz_times/" + l.bits();
            case Instruction.Truncate t -> t.op() + "/" + t.bits();
            default -> i.op() + "@" + i.out() + "/" + i.ins();
        };
    }
}
