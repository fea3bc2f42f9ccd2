package org.cryptorch.approx;

import java.util.List;

/**
 * One tunable parameter of an approximation. An integer knob ranges over {@code [min, max]}; a choice knob over
 * named options; an approximation knob names a nested approximation of {@code op} (for example the exp inside a
 * softmax), whose own knobs are addressed as {@code name.knob} in {@link KnobValues}.
 *
 * @param options the choices (CHOICE), or empty
 * @param op      the op the nested approximation implements (APPROXIMATION), or null
 */
public record Knob(String name, Kind kind, String description, int min, int max, List<String> options, String op,
                   String defaultValue) {
    public enum Kind { INTEGER, CHOICE, APPROXIMATION }

    public Knob {
        options = List.copyOf(options);
    }

    public static Knob integer(String name, String description, int min, int max, int defaultValue) {
        if (min > max || defaultValue < min || defaultValue > max) {
            throw new IllegalArgumentException("knob " + name + ": default " + defaultValue + " outside [" + min + ", "
                + max + "]");
        }
        return new Knob(name, Kind.INTEGER, description, min, max, List.of(), null, String.valueOf(defaultValue));
    }

    public static Knob choice(String name, String description, List<String> options, String defaultValue) {
        if (!options.contains(defaultValue)) {
            throw new IllegalArgumentException("knob " + name + ": default " + defaultValue + " not in " + options);
        }
        return new Knob(name, Kind.CHOICE, description, 0, 0, options, null, defaultValue);
    }

    /** A nested approximation of {@code op}, by registry name. */
    public static Knob approximation(String name, String description, String op, String defaultName) {
        return new Knob(name, Kind.APPROXIMATION, description, 0, 0, List.of(), op, defaultName);
    }

    /**
     * Checks a value against this knob's range and returns it; the message names knob, value and range.
     *
     * @throws ConfigurationRejectedException for a value outside the knob's domain
     */
    public String check(String value) {
        switch (kind) {
            case INTEGER -> {
                int v;
                try {
                    v = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    throw new ConfigurationRejectedException("knob " + name + " takes an integer, got '" + value
                        + "'");
                }
                if (v < min || v > max) {
                    throw new ConfigurationRejectedException("knob " + name + " = " + v + " outside [" + min + ", "
                        + max + "]");
                }
            }
            case CHOICE -> {
                if (!options.contains(value)) {
                    throw new ConfigurationRejectedException("knob " + name + " = '" + value + "' is not one of "
                        + options);
                }
            }
            case APPROXIMATION -> {
                Approximation a = Approximations.get(value);
                if (!a.op().equals(op)) {
                    throw new ConfigurationRejectedException("knob " + name + " needs an approximation of " + op
                        + ", got " + value + " (" + a.op() + ")");
                }
            }
        }
        return value;
    }
}
