package org.cryptorch.approx;

/** The {@code bits} knob of every approximation that emits {@link Primitives#LTZ}. */
final class ComparisonBits {
    static final Knob KNOB = Knob.integer("bits", "low bits the comparisons look at: 0 lets the lowering choose from "
        + "calibration, else 8..64", 0, 64, 0);

    private ComparisonBits() {
    }

    /** The knob's value; 1..7 is rejected because no fixed-point value fits in so few bits. */
    static int of(KnobValues knobs) {
        int bits = knobs.integer(KNOB.name());
        if (bits > 0 && bits < 8) {
            throw new IllegalArgumentException("knob bits = " + bits + ": use 0 (lowering decides) or 8..64");
        }
        return bits;
    }
}
