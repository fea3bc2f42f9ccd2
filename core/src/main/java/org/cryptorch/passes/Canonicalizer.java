package org.cryptorch.passes;

import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.NodeEvaluator;
import org.cryptorch.ir.ShapeInference;
import org.cryptorch.reference.Ops;
import org.cryptorch.tensor.Shape;

/**
 * The standard canonicalisation pipeline: fixes input shapes, folds constants and shape arithmetic, removes
 * no-ops, splits Gemm, folds BatchNormalization, fuses GELU, LayerNorm, SiLU and masked Softmax, and computes the
 * factors linear ops derive from weights ({@link FactorsOfWeights}, once the others reached their fixed point).
 * Shape inference re-runs after every change, so the result has static shapes on every value.
 */
public final class Canonicalizer {
    /** Generous: each round applies every pass everywhere, real exports settle in two or three rounds. */
    public static final int MAX_ROUNDS = 10;

    private Canonicalizer() {
    }

    /** Canonicalises {@code g} in place with the float interpreter's kernels as constant evaluator. */
    public static Graph canonicalize(Graph g, Map<String, Shape> inputShapes) {
        return canonicalize(g, inputShapes, Ops.evaluator());
    }

    /**
     * @param inputShapes shapes by input name; inputs left out must have fully static declared shapes
     * @throws IllegalArgumentException for an unknown input name, a shape contradicting the declared one, or an
     *                                  op shape inference cannot handle (named with its node)
     */
    public static Graph canonicalize(Graph g, Map<String, Shape> inputShapes, NodeEvaluator evaluator) {
        ShapeInference shapes = new ShapeInference(evaluator);
        shapes.infer(g, inputShapes);
        new PassManager(standardPasses(evaluator), MAX_ROUNDS, graph -> shapes.infer(graph, inputShapes)).run(g);
        // Only once nothing folds or fuses any more: a BatchNormalization that a later round would still fold into
        // its layer must not be split into factors first.
        new PassManager(List.of(new FactorsOfWeights()), MAX_ROUNDS, graph -> shapes.infer(graph, inputShapes)).run(g);
        return g;
    }

    /** The passes in the order they run within a round: folding first so fusions see constants. */
    public static List<Pass> standardPasses(NodeEvaluator evaluator) {
        return List.of(new FoldConstants(evaluator), new RemoveNoOps(), new SplitGemm(), new FoldBatchNorm(),
            new FuseGelu(), new FuseLayerNorm(), new FuseSilu(), new FuseMaskedSoftmax());
    }
}
