package org.cryptorch.approx;

import org.cryptorch.ir.OpTable;

/**
 * The MPC-native primitive set ("the MPC ISA"): the ops of {@link OpTable} marked primitive. An approximation emits
 * only these; the compiler lowers them (Split through Slices, Identity to nothing) and both backends implement what
 * they lower to. All have float semantics, so an approximated graph still runs on the float reference interpreter
 * (which is how approximations are tested against the exact function).
 *
 * <p>Secret-by-secret {@code Mul}, {@code MatMul} and {@code Conv} cost one round; {@link #LTZ} is the comparison
 * with zero; everything else is local. A {@code Mul} by a constant is local (plus a truncation when the constant
 * is not an integer).
 */
public final class Primitives {
    /**
     * Comparison with zero: 1 where the input is negative, else 0. Attribute {@code bits} (int, optional): the
     * number of low bits the comparison looks at; 0 or absent lets the lowering choose it from calibration ranges.
     */
    public static final String LTZ = OpTable.LTZ;

    /**
     * Optional float attribute of {@link #LTZ} without {@code bits}: the largest |input| the emitting
     * approximation's documented range implies; without calibration data the lowering sizes the comparison for it.
     */
    public static final String LTZ_BOUND = "bound";

    private Primitives() {
    }

    public static boolean isPrimitive(String opType) {
        return OpTable.of(opType).primitive();
    }
}
