package org.cryptorch.mpc;

import java.util.List;
import org.cryptorch.tensor.LongTensor;

/**
 * Matrix products x@y of secrets (numpy semantics) with matrix triples, all members of a call in the round of one
 * ({@link Arithmetic#matmulOperands}); an operand shared under a {@link FixedMask} (a weight, the run's input) is not
 * opened.
 */
public record MatrixProduct() implements Protocol {
    public static final MatrixProduct INSTANCE = new MatrixProduct();

    @Override
    public String name() {
        return "matmul";
    }

    @Override
    public Cost cost(Call<OperandShape> call) {
        List<OperandShape> xs = call.operand(0);
        List<OperandShape> ys = call.operand(1);
        return ArithmeticCosts.matmuls(xs.stream().map(OperandShape::shape).toList(),
            ys.stream().map(OperandShape::shape).toList(), xs.stream().map(OperandShape::maskOwner).toList(),
            ys.stream().map(OperandShape::maskOwner).toList());
    }

    @Override
    public List<Recipe> recipes(Call<OperandShape> call) {
        return call.members().stream().map(m -> ArithmeticRecipes.matmulTriple(m.get(0).shape(), m.get(1).shape(),
            m.get(0).mask(), m.get(1).mask())).toList();
    }

    @Override
    public List<LongTensor> run(Party party, Call<Arithmetic.Operand> call) {
        return Arithmetic.matmulOperands(party, call.operand(0), call.operand(1));
    }

    @Override
    public List<LongTensor> simulate(Call<LongTensor> call) {
        return call.members().stream().map(m -> m.get(0).matmul(m.get(1))).toList();
    }
}
