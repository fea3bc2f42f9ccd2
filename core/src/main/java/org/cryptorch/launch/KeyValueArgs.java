package org.cryptorch.launch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Settings passed from a parent process to its children as {@code key=value} command-line arguments. */
public final class KeyValueArgs {
    private final Map<String, String> values;

    private KeyValueArgs(Map<String, String> values) {
        this.values = values;
    }

    public static KeyValueArgs parse(List<String> args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("expected key=value, got '" + a + "'");
            }
            m.put(a.substring(0, eq), a.substring(eq + 1));
        }
        return new KeyValueArgs(m);
    }

    /** The value of {@code key}, which must be present (it may be empty). */
    public String get(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing argument " + key + "=...");
        }
        return v;
    }

    /** Builds an argument list; null values are written as empty. */
    public static final class Builder {
        private final List<String> args = new ArrayList<>();

        public Builder put(String key, Object value) {
            args.add(key + "=" + (value == null ? "" : value));
            return this;
        }

        public List<String> build() {
            return List.copyOf(args);
        }
    }
}
