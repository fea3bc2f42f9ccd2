package org.cryptorch.passes;

import java.util.ArrayList;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.Value;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;

/**
 * Gemm(A, B, C) = alpha * A' B' + beta * C becomes MatMul + Add (with Transposes and scalar Muls only where the
 * attributes ask for them), so later stages handle one matrix product op. Transposes and scalings of constant
 * weights are folded away by {@link FoldConstants}.
 */
public final class SplitGemm implements Pass {
    private static final Map<String, Attribute> SWAP_2D = Map.of("perm", Attribute.ofInts("perm", 1, 0));

    @Override
    public String name() {
        return "split-gemm";
    }

    @Override
    public boolean run(Graph g) {
        boolean changed = false;
        for (Node gemm : new ArrayList<>(g.nodes())) {
            if (gemm.opType().equals("Gemm")) {
                Patterns.replace(g, gemm.output(0), expand(g, gemm));
                g.removeNode(gemm);
                changed = true;
            }
        }
        return changed;
    }

    private static Value expand(Graph g, Node gemm) {
        Value a = gemm.input(0);
        Value b = gemm.input(1);
        boolean constantWeight = b.isConstant();
        Value c = gemm.input(2);
        if (gemm.intAttr("transA", 0) != 0) {
            a = g.op("Transpose", SWAP_2D, a);
        }
        if (gemm.intAttr("transB", 0) != 0) {
            b = g.op("Transpose", SWAP_2D, b);
        }
        double alpha = gemm.floatAttr("alpha", 1.0);
        if (alpha != 1.0) {
            // scale the weight operand when it is constant so that the scaling folds into it
            if (constantWeight) {
                b = g.op("Mul", b, scalar(g, alpha, b.dtype()));
            } else {
                a = g.op("Mul", a, scalar(g, alpha, a.dtype()));
            }
        }
        Value y = named(g.op("MatMul", a, b), gemm);
        double beta = gemm.floatAttr("beta", 1.0);
        if (c != null && beta != 0.0) {
            Value scaledC = beta == 1.0 ? c : g.op("Mul", c, scalar(g, beta, c.dtype()));
            y = named(g.op("Add", y, scaledC), gemm);
        }
        return y;
    }

    /** Keeps the layer's name on its parts so that printed graphs and errors still point at the model layer. */
    private static Value named(Value v, Node gemm) {
        v.producer().rename(gemm.name() + "/" + v.producer().opType());
        return v;
    }

    private static Value scalar(Graph g, double v, DType like) {
        DType dt = like == DType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32;
        return g.constant(new FloatTensor(Shape.scalar(), new double[] {v}, dt));
    }
}
