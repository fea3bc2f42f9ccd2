package org.cryptorch.tune;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.cryptorch.approx.Approximation;
import org.cryptorch.approx.Approximations;
import org.cryptorch.approx.Choice;
import org.cryptorch.approx.ConfigurationRejectedException;
import org.cryptorch.approx.Knob;
import org.cryptorch.approx.KnobValues;
import org.cryptorch.compile.Plan;

/**
 * The configurations tried at a site: the base choice (from the profile), every other approximation of the op
 * with its defaults, and the base with one knob changed (nested approximations' knobs included, e.g. the iterations
 * of the exp inside a softmax). One knob at a time keeps the space linear in the knobs; the search then combines
 * the good ones across sites. Wide integer ranges are sampled near the base value and at the ends.
 */
final class CandidateCatalog {
    private CandidateCatalog() {
    }

    /** Distinct complete configurations, the base first; lossy approximations only if {@code offerLossy}. */
    static List<Choice> around(String op, Choice base, boolean offerLossy) {
        Approximation a = Approximations.get(base.approximation());
        KnobValues knobs = base.knobs().complete(a);
        LinkedHashSet<Choice> out = new LinkedHashSet<>();
        out.add(new Choice(a.name(), knobs));
        for (Approximation other : Approximations.forOp(op)) {
            if (other.lossy() && !offerLossy) {
                continue;
            }
            out.add(new Choice(other.name(), KnobValues.empty().complete(other)));
        }
        for (Map.Entry<String, String> k : knobs.asMap().entrySet()) {
            Knob knob = knob(a, knobs, k.getKey());
            for (String v : values(knob, k.getValue(), offerLossy)) {
                try {
                    // changing a nested approximation drops the old one's knobs; complete() adds the new defaults
                    KnobValues changed = knob.kind() == Knob.Kind.APPROXIMATION
                        ? withoutPrefix(knobs, k.getKey()).with(k.getKey(), v) : knobs.with(k.getKey(), v);
                    out.add(new Choice(a.name(), changed.complete(a)));
                } catch (ConfigurationRejectedException e) {
                    // a value the approximation rejects in this combination is simply not a candidate
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** The knob behind a possibly nested key such as {@code exp.iterations}. */
    private static Knob knob(Approximation a, KnobValues values, String key) {
        int dot = key.indexOf('.');
        String head = dot < 0 ? key : key.substring(0, dot);
        Knob k = a.knobs().stream().filter(x -> x.name().equals(head)).findFirst().orElseThrow(
            () -> new IllegalArgumentException(a.name() + " has no knob " + head));
        return dot < 0 ? k : knob(Approximations.get(values.choice(head)), values.sub(head), key.substring(dot + 1));
    }

    private static List<String> values(Knob k, String current, boolean offerLossy) {
        return switch (k.kind()) {
            case CHOICE -> k.options();
            case APPROXIMATION -> Approximations.forOp(k.op()).stream().filter(a -> offerLossy || !a.lossy())
                .map(Approximation::name).toList();
            case INTEGER -> integers(k.min(), k.max(), Integer.parseInt(current));
        };
    }

    /** All of a small range; else the base +-1 and +-2, the ends and the midpoints between them and the base. */
    private static List<String> integers(int min, int max, int base) {
        TreeSet<Integer> v = new TreeSet<>();
        if (max - min <= 8) {
            for (int i = min; i <= max; i++) {
                v.add(i);
            }
        } else {
            for (int i : new int[] {min, max, base - 2, base - 1, base + 1, base + 2, (min + base) / 2,
                (base + max) / 2}) {
                if (i >= min && i <= max) {
                    v.add(i);
                }
            }
        }
        v.remove(base);
        return v.stream().map(String::valueOf).toList();
    }

    private static KnobValues withoutPrefix(KnobValues values, String prefix) {
        Map<String, String> m = new java.util.LinkedHashMap<>(values.asMap());
        m.keySet().removeIf(key -> key.startsWith(prefix + "."));
        return KnobValues.of(m);
    }
}
