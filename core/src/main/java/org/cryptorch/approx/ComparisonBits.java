package org.cryptorch.approx;

/**
 * The per-site comparison width knob shared by every approximation that emits {@code Ltz}: 0 lets the lowering
 * choose it from calibration ranges, otherwise 8..64 low bits are compared.
 */
final class ComparisonBits {
    static final String KNOB = "bits";
    /** Fractional bits of the default fixed-point encoding; a width of b bits holds |x| < 2^(b - 1 - FRACTION). */
    private static final int FRACTION = 16;
    /** What the documented ranges assume when the lowering chooses the width (bits = 0). */
    private static final double CALIBRATED_BOUND = 1024;

    private ComparisonBits() {
    }

    static Knob knob() {
        return Knob.integer(KNOB, "comparison width in bits (8..64; 0 = the lowering picks it from calibration)", 0,
            64, 0);
    }

    static int of(KnobValues knobs) {
        return check(knobs.integer(KNOB));
    }

    static int check(int bits) {
        if (bits != 0 && (bits < 8 || bits > 64)) {
            throw new IllegalArgumentException("comparison width " + bits + " must be 0 (from calibration) or 8..64");
        }
        return bits;
    }

    /**
     * The largest |value| a comparison of this width decides correctly at 16 fractional bits (capped at the
     * calibration default), for documented ranges.
     */
    static double bound(int bits) {
        return bits == 0 ? CALIBRATED_BOUND : Math.min(CALIBRATED_BOUND, Math.scalb(1.0, bits - 1 - FRACTION));
    }
}
