package org.cryptorch.compile;

import java.util.Map;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.ShapeInference;
import org.cryptorch.reference.Ops;
import org.cryptorch.tensor.Shape;

/**
 * After rewriting: drops nodes no output needs and re-infers shapes. Constants are deliberately not folded here:
 * the lowering folds public computations itself, so that it can tell results derived from secret weights (which
 * must stay secret) from public ones.
 */
final class GraphCleanup {
    private GraphCleanup() {
    }

    static void pruneAndInfer(Graph g, Map<String, Shape> inputShapes) {
        g.removeDeadNodes();
        new ShapeInference(Ops.evaluator()).infer(g, inputShapes);
    }
}
