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
 * products, squares, matrix products, comparisons (run at the widest member's width), dealer truncations of one
 * shift, inputs of one owner, outputs to one receiver) become one step whose openings travel in one message, so k
 * independent products cost the rounds of one. Convolutions stay single steps.
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
            for (List<Instruction> group : mergeSquaresIntoProducts(remote.getOrDefault(layer, Map.of())).values()) {
                steps.add(new Step(ProgramCosts.allSquares(group) ? "square" : group.get(0).op(), layer, group,
                    costs.ofGroup(group)));
            }
        }
        return steps;
    }

    /**
     * Where a layer has both products and squares, the squares join the products (as x*x with a full triple): one
     * round fewer for 8 more bytes per squared element.
     */
    private static Map<String, List<Instruction>> mergeSquaresIntoProducts(Map<String, List<Instruction>> groups) {
        List<Instruction> squares = groups.get("square");
        List<Instruction> products = groups.get("mul");
        if (squares == null || products == null) {
            return groups;
        }
        Map<String, List<Instruction>> out = new LinkedHashMap<>(groups);
        out.remove("square");
        List<Instruction> merged = new ArrayList<>(products);
        merged.addAll(squares);
        out.put("mul", merged);
        return out;
    }

    /** Instructions with equal keys in one layer share their rounds; a unique key keeps one alone. */
    static String fusionKey(Instruction i) {
        return switch (i) {
            case Instruction.Mul m -> m.op();
            case Instruction.MatMul m -> m.op();
            case Instruction.Input in -> in.op() + "/" + in.owner();
            case Instruction.Output o -> o.op() + "/" + o.receiver();
            case Instruction.Ltz l -> l.op();
            case Instruction.LtzTimes l -> l.op();
            case Instruction.Truncate t -> t.op() + "/" + t.bits();
            default -> i.op() + "@" + i.out() + "/" + i.ins();
        };
    }
}
