package org.cryptorch.mpc;

import java.util.List;
import org.cryptorch.tensor.Shape;

/**
 * What a protocol's cost and correlations depend on for one operand: its shape, and the session-fixed mask it is
 * shared under ({@link FixedMask}; null for an operand that a product masks afresh). Values never matter: the
 * protocols are data-oblivious.
 */
public record OperandShape(Shape shape, FixedMask.Key mask) {
    public static OperandShape fresh(Shape shape) {
        return new OperandShape(shape, null);
    }

    /** The owner of the fixed mask, or {@link ArithmeticCosts#FRESH}. */
    public int maskOwner() {
        return mask == null ? ArithmeticCosts.FRESH : mask.owner();
    }

    /** Elements of all {@code operands} together (what a fused element-wise call runs on). */
    public static int elements(List<OperandShape> operands) {
        int n = 0;
        for (OperandShape o : operands) {
            n = Math.addExact(n, o.shape().size());
        }
        return n;
    }
}
