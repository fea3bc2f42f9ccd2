package org.cryptorch.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cryptorch.mpc.ElementwiseProduct;
import org.cryptorch.mpc.LessThanZero;

/**
 * Fuses a comparison with the one product that uses it ([x<0] * z, as in ReLU, select and max) into one
 * {@code ltz_times} call ({@link LessThanZero} with {@code times}): the comparison protocol opens z's mask in its first round, so the product costs no round of its
 * own (for ReLU: the rounds of the comparison instead of those plus one).
 */
final class ComparisonProducts {
    private ComparisonProducts() {
    }

    static List<Instruction> fuse(List<Instruction> code) {
        Map<Integer, Integer> uses = new HashMap<>();
        Map<Integer, Instruction.Call> comparisons = new HashMap<>();
        for (Instruction i : code) {
            i.ins().forEach(s -> uses.merge(s, 1, Integer::sum));
            if (i instanceof Instruction.Call c && c.protocol() instanceof LessThanZero l && !l.times()) {
                comparisons.put(c.out(), c);
            }
        }
        Set<Instruction> absorbed = new HashSet<>();
        List<Instruction> out = new ArrayList<>();
        for (Instruction i : code) {
            Instruction.Call l;
            if (i instanceof Instruction.Call m && m.protocol().equals(ElementwiseProduct.MUL)
                && ((l = soleUse(comparisons, uses, m.ins().get(0))) != null
                || (l = soleUse(comparisons, uses, m.ins().get(1))) != null)) {
                int z = l.out() == m.ins().get(0) ? m.ins().get(1) : m.ins().get(0);
                out.add(new Instruction.Call(m.out(), List.of(l.ins().get(0), z),
                    new LessThanZero(((LessThanZero) l.protocol()).bits(), true), m.site()));
                absorbed.add(l);
            } else {
                out.add(i);
            }
        }
        out.removeAll(absorbed);
        return out;
    }

    private static Instruction.Call soleUse(Map<Integer, Instruction.Call> comparisons, Map<Integer, Integer> uses,
                                            int slot) {
        Instruction.Call l = comparisons.get(slot);
        return l != null && uses.get(slot) == 1 ? l : null;
    }
}
