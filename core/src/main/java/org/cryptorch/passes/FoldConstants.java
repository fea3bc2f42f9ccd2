package org.cryptorch.passes;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.NodeEvaluator;
import org.cryptorch.ir.Value;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * Replaces every node whose inputs are all constants by its computed outputs, and Shape/Size nodes of values with
 * a known static shape by their value. Repeated to a fixed point this removes the Shape/Gather/Unsqueeze/Concat/
 * Reshape/ConstantOfShape/Cast chains PyTorch emits for dynamic shapes, once input shapes are fixed.
 */
public final class FoldConstants implements Pass {
    /** Ops whose result is not a function of their inputs; folding them would freeze one random draw. */
    private static final Set<String> NONDETERMINISTIC = Set.of(
        "RandomNormal", "RandomUniform", "RandomNormalLike", "RandomUniformLike", "Multinomial", "Bernoulli");

    private final NodeEvaluator evaluator;

    public FoldConstants(NodeEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public String name() {
        return "fold-constants";
    }

    @Override
    public boolean run(Graph g) {
        boolean changed = false;
        for (Node n : new ArrayList<>(g.nodes())) {
            List<Tensor> results = fold(n, g.opset());
            if (results != null) {
                for (int i = 0; i < n.outputs().size(); i++) {
                    Value out = n.output(i);
                    g.replaceAllUses(out, g.constant(out.name(), results.get(i)));
                }
                g.removeNode(n);
                changed = true;
            }
        }
        return changed;
    }

    /** The node's outputs if they are known now, else null. */
    private List<Tensor> fold(Node n, int opset) {
        Value in0 = n.input(0);
        if (n.opType().equals("Shape") && in0 != null && in0.shape() != null) {
            return List.of(shapeOf(n, in0.shape()));
        }
        if (n.opType().equals("Size") && in0 != null && in0.shape() != null) {
            return List.of(new LongTensor(Shape.scalar(), new long[] {in0.shape().size()}));
        }
        if (NONDETERMINISTIC.contains(n.opType()) || !evaluator.supports(n.opType())) {
            return null;
        }
        List<Tensor> inputs = new ArrayList<>();
        for (Value v : n.inputs()) {
            if (v != null && !v.isConstant()) {
                return null;
            }
            inputs.add(v == null ? null : v.constant());
        }
        try {
            return evaluator.evaluate(n, inputs, opset);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot fold node '" + n.name() + "' (" + n.opType()
                + ") on its constant inputs: " + e.getMessage(), e);
        }
    }

    /** Shape's output, honouring the start/end slice attributes of opset 15. */
    private static LongTensor shapeOf(Node n, Shape s) {
        int rank = s.rank();
        int start = clampAxis(n.intAttr("start", 0), rank);
        int end = clampAxis(n.intAttr("end", rank), rank);
        int len = Math.max(0, end - start);
        long[] dims = new long[len];
        for (int i = 0; i < len; i++) {
            dims[i] = s.dim(start + i);
        }
        return new LongTensor(Shape.of(len), dims);
    }

    private static int clampAxis(long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        return (int) Math.max(0, Math.min(rank, a));
    }
}
