package org.cryptorch.mpc;

import java.util.List;
import org.cryptorch.tensor.LongTensor;

/**
 * A 2-D convolution of an NCHW secret with OIHW secret weights ({@link Arithmetic#conv2d}), with its geometry (pads:
 * top, left, bottom, right); an operand shared under a {@link FixedMask} is not opened. Convolutions run alone.
 */
public record Convolution(int[] strides, int[] pads, int[] dilations, int groups) implements Protocol {
    @Override
    public String name() {
        return "conv";
    }

    @Override
    public String fusionKey() {
        return null;
    }

    @Override
    public Cost cost(Call<OperandShape> call) {
        List<OperandShape> xw = call.single();
        return ArithmeticCosts.conv2d(xw.get(0).shape(), xw.get(1).shape(), strides, pads, dilations, groups,
            xw.get(0).maskOwner(), xw.get(1).maskOwner());
    }

    @Override
    public List<Recipe> recipes(Call<OperandShape> call) {
        List<OperandShape> xw = call.single();
        return List.of(ArithmeticRecipes.conv2dTriple(xw.get(0).shape(), xw.get(1).shape(), strides, pads, dilations,
            groups, xw.get(0).mask(), xw.get(1).mask()));
    }

    @Override
    public List<LongTensor> run(Party party, Call<Arithmetic.Operand> call) {
        List<Arithmetic.Operand> xw = call.single();
        return List.of(Arithmetic.conv2d(party, xw.get(0), xw.get(1), strides, pads, dilations, groups));
    }

    @Override
    public List<LongTensor> simulate(Call<LongTensor> call) {
        List<LongTensor> xw = call.single();
        return List.of(xw.get(0).conv2d(xw.get(1), strides, pads, dilations, groups));
    }
}
