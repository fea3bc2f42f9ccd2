package org.cryptorch.approx;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The knob settings of one approximation site: knob name to value as text (integers in decimal, choices and nested
 * approximation names as given). A nested approximation's knobs are stored under {@code knob.name}; {@link #sub}
 * returns them with the prefix removed. Missing knobs take their defaults ({@link #complete}).
 */
public final class KnobValues {
    private final Map<String, String> values;

    private KnobValues(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    public static KnobValues of(Map<String, String> values) {
        return new KnobValues(values);
    }

    public static KnobValues empty() {
        return new KnobValues(Map.of());
    }

    public Map<String, String> asMap() {
        return values;
    }

    public int integer(String knob) {
        return Integer.parseInt(need(knob));
    }

    public String choice(String knob) {
        return need(knob);
    }

    /** The knobs below {@code prefix.}, without the prefix. */
    public KnobValues sub(String prefix) {
        Map<String, String> m = new LinkedHashMap<>();
        String p = prefix + ".";
        values.forEach((k, v) -> {
            if (k.startsWith(p)) {
                m.put(k.substring(p.length()), v);
            }
        });
        return new KnobValues(m);
    }

    /** A copy with {@code knob} set to {@code value}. */
    public KnobValues with(String knob, String value) {
        Map<String, String> m = new LinkedHashMap<>(values);
        m.put(knob, value);
        return new KnobValues(m);
    }

    /**
     * These values completed with the defaults of {@code a}'s knobs (recursively for nested approximations) and
     * checked against their ranges; a knob {@code a} does not have, or a value outside a knob's domain, is a
     * {@link ConfigurationRejectedException} naming it.
     */
    public KnobValues complete(Approximation a) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, Knob> known = new LinkedHashMap<>();
        a.knobs().forEach(k -> known.put(k.name(), k));
        for (String key : values.keySet()) {
            String head = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
            Knob k = known.get(head);
            if (k == null || (key.contains(".") && k.kind() != Knob.Kind.APPROXIMATION)) {
                throw new ConfigurationRejectedException(a.name() + " has no knob '" + key + "' (knobs: "
                    + known.keySet() + ")");
            }
        }
        for (Knob k : a.knobs()) {
            String v = k.check(values.getOrDefault(k.name(), k.defaultValue()));
            out.put(k.name(), v);
            if (k.kind() == Knob.Kind.APPROXIMATION) {
                sub(k.name()).complete(Approximations.get(v)).values.forEach((nk, nv) -> out.put(k.name() + "." + nk, nv));
            }
        }
        return new KnobValues(out);
    }

    private String need(String knob) {
        String v = values.get(knob);
        if (v == null) {
            throw new IllegalArgumentException("knob '" + knob + "' has no value (have " + values.keySet() + ")");
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KnobValues k && k.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
