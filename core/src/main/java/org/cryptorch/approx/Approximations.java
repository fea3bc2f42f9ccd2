package org.cryptorch.approx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The registry of approximations by name. The built-in library registers itself on first use; users add their own
 * with {@link #register}, one line.
 */
public final class Approximations {
    private static final Map<String, Approximation> BY_NAME = new TreeMap<>();

    static {
        BuiltinApproximations.registerAll();
    }

    private Approximations() {
    }

    /**
     * Adds {@code a}; a second approximation with the same name is an error, and so is a calibrated knob that
     * {@code a} does not have.
     */
    public static synchronized void register(Approximation a) {
        if (BY_NAME.containsKey(a.name())) {
            throw new IllegalArgumentException("an approximation named " + a.name() + " is already registered");
        }
        a.calibratedKnobs().forEach(k -> k.checkAgainst(a));
        BY_NAME.put(a.name(), a);
    }

    /** Removes the approximation named {@code name} (e.g. a plug-in being unloaded); an unknown name is an error. */
    public static synchronized void unregister(String name) {
        get(name);
        BY_NAME.remove(name);
    }

    /** The approximation named {@code name}; an unknown name is an error listing the known ones. */
    public static synchronized Approximation get(String name) {
        Approximation a = BY_NAME.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no approximation named '" + name + "' (known: " + BY_NAME.keySet()
                + ")");
        }
        return a;
    }

    /**
     * The documented range of the nested approximation that {@code knobs} choose under the APPROXIMATION knob
     * {@code knob}, with its own knobs.
     */
    static Approximation.Range nestedRange(KnobValues knobs, String knob) {
        return get(knobs.choice(knob)).documentedRange(knobs.sub(knob));
    }

    /** All registered approximations, sorted by name. */
    public static synchronized List<Approximation> all() {
        return List.copyOf(BY_NAME.values());
    }

    /** The approximations of one op, sorted by name. */
    public static synchronized List<Approximation> forOp(String op) {
        List<Approximation> out = new ArrayList<>();
        for (Approximation a : BY_NAME.values()) {
            if (a.op().equals(op)) {
                out.add(a);
            }
        }
        return out;
    }
}
