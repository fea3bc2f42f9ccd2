package org.cryptorch.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.cryptorch.tensor.Shape;
import org.assertj.core.groups.Tuple;
import org.cryptorch.mpc.ElementwiseProduct;
import org.junit.jupiter.api.Test;

/** The schedule stage: layers by communicating depth, same-kind instructions of a layer fused, costs predicted. */
class ScheduleTest {
    private static final Shape S = Shape.of(5);

    @Test
    void fusesIndependentProductsOfALayerAndPutsADependentOneInTheNext() {
        List<Instruction> instructions = List.of(
            new Instruction.Input(0, "x", 0, S, 16, 0, "x"),
            new Instruction.Neg(1, 0, "a"),
            new Instruction.Call(2, List.of(0, 1), ElementwiseProduct.MUL, "b"),
            new Instruction.Call(3, List.of(1, 0), ElementwiseProduct.MUL, "b"),
            new Instruction.Call(4, List.of(2, 3), ElementwiseProduct.MUL, "c"),
            new Instruction.Output(4, "y", 0, 32, "y"));
        Shape[] shapes = {S, S, S, S, S};
        Code code = new Code(16, List.of(), instructions, shapes, new int[] {16, 16, 32, 32, 64}, Map.of());

        Program p = Compiler.schedule(code);

        assertThat(p.steps()).extracting(Step::layer, Step::op, s -> s.members().size()).containsExactly(
            Tuple.tuple(0, "input", 1),
            Tuple.tuple(1, "neg", 1),
            Tuple.tuple(1, "mul", 2),
            Tuple.tuple(2, "mul", 1),
            Tuple.tuple(3, "output", 1));
        // the input is the program's only one, so products with it open only the other operand
        assertThat(p.maskedInputs()).containsExactly(Map.entry(0, 0));
        // the two products of layer 1 share one round
        assertThat(p.steps().get(2).cost().rounds()).isEqualTo(1);
        assertThat(p.layers()).isEqualTo(4);
    }
}
