package org.cryptorch.approx;

/**
 * The per-site comparison width knob {@code bits} of every approximation that emits {@link Primitives#LTZ}: 0 lets
 * the lowering choose it from calibration ranges, otherwise 8..64 low bits are compared.
 */
public final class ComparisonBits {
    /** The knob itself: list it among an approximation's knobs and read it with {@link #of}. */
    public static final Knob KNOB = Knob.integer("bits", "low bits the comparisons look at: 0 lets the lowering "
        + "choose from calibration, else 8..64", 0, 64, 0);
    /** Fractional bits of the default fixed-point encoding; a width of b bits holds |x| < 2^(b - 1 - FRACTION). */
    private static final int FRACTION = 16;
    /** What the documented ranges assume when the lowering chooses the width (bits = 0). */
    private static final double CALIBRATED_BOUND = 1024;

    private ComparisonBits() {
    }

    /** The knob's value, checked. */
    public static int of(KnobValues knobs) {
        return check(knobs.integer(KNOB.name()));
    }

    /** 1..7 is rejected because no fixed-point value fits in so few bits. */
    public static int check(int bits) {
        if (bits != 0 && (bits < 8 || bits > 64)) {
            throw new IllegalArgumentException("knob bits = " + bits + ": use 0 (lowering decides) or 8..64");
        }
        return bits;
    }

    /**
     * The largest |value| a comparison of this width decides correctly at 16 fractional bits (capped at the
     * calibration default), for documented ranges.
     */
    public static double bound(int bits) {
        return bits == 0 ? CALIBRATED_BOUND : Math.min(CALIBRATED_BOUND, Math.scalb(1.0, bits - 1 - FRACTION));
    }
}
