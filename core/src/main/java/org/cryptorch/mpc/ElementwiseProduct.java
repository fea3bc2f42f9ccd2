package org.cryptorch.mpc;

import java.util.List;
import org.cryptorch.tensor.LongTensor;

/**
 * Element-wise products x*y of secrets of equal shapes with Beaver triples ({@link Arithmetic#mul}), or squares x*x
 * opening x only ({@link Arithmetic#square}); a call runs all members on their operands laid end to end. Squares
 * fuse with each other; joined with products they run as products x*x (a full triple).
 */
public record ElementwiseProduct(boolean square) implements Protocol {
    public static final ElementwiseProduct MUL = new ElementwiseProduct(false);
    public static final ElementwiseProduct SQUARE = new ElementwiseProduct(true);

    @Override
    public String name() {
        return square ? "square" : "mul";
    }

    @Override
    public Protocol join(Protocol other) {
        if (!(other instanceof ElementwiseProduct o)) {
            throw new IllegalArgumentException("a product call cannot run " + other);
        }
        return square && o.square ? SQUARE : MUL;
    }

    @Override
    public Cost cost(Call<OperandShape> call) {
        long n = OperandShape.elements(call.operand(0));
        return square ? ArithmeticCosts.square(n) : ArithmeticCosts.mul(n);
    }

    @Override
    public List<Recipe> recipes(Call<OperandShape> call) {
        int n = OperandShape.elements(call.operand(0));
        return List.of(square ? ArithmeticRecipes.squarePair(n) : ArithmeticRecipes.triple(n));
    }

    @Override
    public List<LongTensor> run(Party party, Call<Arithmetic.Operand> call) {
        List<LongTensor> xs = Batched.shares(call.operand(0));
        return square ? Batched.apply(xs, x -> Arithmetic.square(party, x))
            : Batched.apply(xs, Batched.shares(call.operand(1)), (x, y) -> Arithmetic.mul(party, x, y));
    }

    @Override
    public List<LongTensor> simulate(Call<LongTensor> call) {
        return call.members().stream().map(m -> m.get(0).mul(m.get(square ? 0 : 1))).toList();
    }
}
