package org.cryptorch.passes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.Value;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;

/**
 * Computes, in the canonical graph, the factors that linear ops derive from their constant parameters: a
 * BatchNormalization that {@link FoldBatchNorm} could not fold into a layer becomes x * s + t per channel, and a Div
 * by a real constant tensor (a weight) becomes a Mul by its reciprocal. A Div by a scalar stays: scalars are the
 * architecture's public constants, and the fusions match GELU's and attention's divisions by them.
 *
 * <p>Why here and not in the compiler: the compiler treats exactly the float constants of the canonical graph with
 * more than one element as the model's weights (secret under the model owner's ownership); a tensor it derived
 * later would be a new, public constant. The factors of a weight are as secret as the weight. Left public, the
 * model owner's process would compute with them in the clear, and the client of a deployment, which holds zeros in
 * place of the weights, would compile other constants than the model owner and could not be served.
 */
public final class FactorsOfWeights implements Pass {
    @Override
    public String name() {
        return "factors-of-weights";
    }

    @Override
    public boolean run(Graph g) {
        boolean changed = false;
        for (Node n : new ArrayList<>(g.nodes())) {
            Value replacement = switch (n.opType()) {
                case "BatchNormalization" -> channelAffine(g, n);
                case "Div" -> reciprocal(g, n);
                default -> null;
            };
            if (replacement != null) {
                Patterns.replace(g, n.output(0), replacement);
                g.removeNode(n);
                changed = true;
            }
        }
        return changed;
    }

    /** x * s + t with s = gamma / sqrt(var + eps) and t = beta - mean * s per channel (axis 1), or null. */
    private static Value channelAffine(Graph g, Node bn) {
        Shape shape = bn.input(0).shape();
        if (bn.outputs().size() != 1 || shape == null || shape.rank() < 2 || !FoldBatchNorm.parametersConstant(bn)) {
            return null;
        }
        FoldBatchNorm.ChannelAffine affine = FoldBatchNorm.ChannelAffine.of(bn, shape.dim(1));
        if (affine == null) {
            return null;
        }
        int[] dims = new int[shape.rank() - 1];
        Arrays.fill(dims, 1);
        dims[0] = shape.dim(1);
        Value scaled = g.op("Mul", bn.input(0), g.constant(new FloatTensor(Shape.of(dims), affine.scale())));
        return g.op("Add", scaled, g.constant(new FloatTensor(Shape.of(dims), affine.foldBias(null))));
    }

    /** x * (1 / c) for a real x and a real constant c of more than one element, or null. */
    private static Value reciprocal(Graph g, Node div) {
        Value x = div.input(0);
        if (x.dtype() == null || !x.dtype().isFloat() || !(div.input(1).constant() instanceof FloatTensor c)
            || c.size() < 2) {
            return null;
        }
        return g.op("Mul", x, g.constant(c.map(v -> 1 / v)));
    }
}
