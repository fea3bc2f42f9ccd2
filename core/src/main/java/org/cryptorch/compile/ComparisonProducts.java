package org.cryptorch.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fuses a comparison with the one product that uses it ([x<0] * z, as in ReLU, select and max) into
 * {@link Instruction.LtzTimes}: the comparison protocol opens z's mask in its first round, so the product costs no
 * round of its own (for ReLU: the rounds of the comparison instead of those plus one).
 */
final class ComparisonProducts {
    private ComparisonProducts() {
    }

    static List<Instruction> fuse(List<Instruction> code) {
        Map<Integer, Integer> uses = new HashMap<>();
        Map<Integer, Instruction.Ltz> comparisons = new HashMap<>();
        for (Instruction i : code) {
            i.ins().forEach(s -> uses.merge(s, 1, Integer::sum));
            if (i instanceof Instruction.Ltz l) {
                comparisons.put(l.out(), l);
            }
        }
        Set<Instruction> absorbed = new HashSet<>();
        List<Instruction> out = new ArrayList<>();
        for (Instruction i : code) {
            Instruction.Ltz l;
            if (i instanceof Instruction.Mul m && m.a() != m.b()
                && ((l = soleUse(comparisons, uses, m.a())) != null || (l = soleUse(comparisons, uses, m.b())) != null)) {
                int z = l.out() == m.a() ? m.b() : m.a();
                out.add(new Instruction.LtzTimes(m.out(), l.a(), z, l.bits(), m.site()));
                absorbed.add(l);
            } else {
                out.add(i);
            }
        }
        out.removeAll(absorbed);
        return out;
    }

    private static Instruction.Ltz soleUse(Map<Integer, Instruction.Ltz> comparisons, Map<Integer, Integer> uses,
                                           int slot) {
        Instruction.Ltz l = comparisons.get(slot);
        return l != null && uses.get(slot) == 1 ? l : null;
    }
}
