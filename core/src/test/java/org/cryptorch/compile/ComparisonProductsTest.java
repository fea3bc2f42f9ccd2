package org.cryptorch.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cryptorch.mpc.ElementwiseProduct;
import org.cryptorch.mpc.LessThanZero;
import org.junit.jupiter.api.Test;

/** The fuse-comparison-products stage: a comparison used only by one product joins it. */
class ComparisonProductsTest {
    private static final LessThanZero LTZ = new LessThanZero(20, false);

    @Test
    void fusesAComparisonWhoseOnlyUseIsAProduct() {
        List<Instruction> code = List.of(new Instruction.Call(1, List.of(0), LTZ, "relu"),
            new Instruction.Call(2, List.of(1, 0), ElementwiseProduct.MUL, "relu"));
        assertThat(ComparisonProducts.fuse(code)).containsExactly(
            new Instruction.Call(2, List.of(0, 0), new LessThanZero(20, true), "relu"));
    }

    @Test
    void keepsAComparisonWithOtherUsesAndSquares() {
        List<Instruction> shared = List.of(new Instruction.Call(1, List.of(0), LTZ, "s"),
            new Instruction.Call(2, List.of(1, 0), ElementwiseProduct.MUL, "s"), new Instruction.Neg(3, 1, "s"));
        assertThat(ComparisonProducts.fuse(shared)).isEqualTo(shared);
        List<Instruction> square = List.of(new Instruction.Call(1, List.of(0), LTZ, "s"),
            new Instruction.Call(2, List.of(1, 1), ElementwiseProduct.SQUARE, "s"));
        assertThat(ComparisonProducts.fuse(square)).isEqualTo(square);
    }
}
