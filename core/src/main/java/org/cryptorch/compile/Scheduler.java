package org.cryptorch.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cryptorch.mpc.ElementwiseProduct;

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

    static List<Step> schedule(List<Instruction> instructions, ProtocolCalls costs, int slotCount) {
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
                steps.add(new Step(Step.protocol(group) != null ? Step.protocol(group).name() : group.get(0).op(),
                    layer, group, costs.ofGroup(group)));
            }
        }
        return steps;
    }

    /**
     * Where a layer has both products and squares, the squares join the products (as x*x with a full triple): one
     * round fewer for 8 more bytes per squared element.
     */
    private static Map<String, List<Instruction>> mergeSquaresIntoProducts(Map<String, List<Instruction>> groups) {
        String squaring = ElementwiseProduct.SQUARE.fusionKey();
        String multiplying = ElementwiseProduct.MUL.fusionKey();
        List<Instruction> squares = groups.get(squaring);
        List<Instruction> products = groups.get(multiplying);
        if (squares == null || products == null) {
            return groups;
        }
        Map<String, List<Instruction>> out = new LinkedHashMap<>(groups);
        out.remove(squaring);
        List<Instruction> merged = new ArrayList<>(products);
        merged.addAll(squares);
        out.put(multiplying, merged);
        return out;
    }

    /**
     * Instructions with equal keys in one layer share their rounds (protocol calls as their protocol says); a unique
     * key keeps one alone.
     */
    static String fusionKey(Instruction i) {
        String alone = i.op() + "@" + i.out() + "/" + i.ins();
        return switch (i) {
            case Instruction.Input in -> in.op() + "/" + in.owner();
            case Instruction.Output o -> o.op() + "/" + o.receiver();
            case Instruction.Call c -> c.protocol().fusionKey() == null ? alone : c.protocol().fusionKey();
            case Instruction.Weight w -> alone;
            case Instruction.Local l -> alone;
        };
    }
}
