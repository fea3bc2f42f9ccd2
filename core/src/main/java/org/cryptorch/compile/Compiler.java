package org.cryptorch.compile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Graph;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * The compiler facade: canonical graph + plan + options (+ calibration inputs) to a fixed-point two-party
 * {@link Program}. The caller's graph is not changed.
 *
 * <p>Pipeline: copy; {@link Linearizer} (native linear ops to primitives); {@link Approximator} (each non-linear
 * site to the plan's approximation); constant folding and shape inference; {@link MaskClamp} (huge mask constants
 * to a safe value); {@link ComparisonWidths} (widths of comparisons without one, from calibration); {@link Lowering}
 * (scales, truncations, ownership) and {@link Scheduler} (layers, fusion, costs).
 */
public final class Compiler {
    private Compiler() {
    }

    /**
     * @param canonical   a canonicalised graph (see {@code passes.Canonicalizer})
     * @param inputShapes shapes of the graph inputs for this compilation (e.g. with the batch size)
     * @param calibration sample inputs (by input name) to choose comparison widths from where neither the node, the
     *                    options nor the plan fixes one; null/empty: such comparisons use 64 bits
     * @throws IllegalArgumentException naming the node/site and op of anything that cannot be compiled
     */
    public static Program compile(Graph canonical, Map<String, Shape> inputShapes, Plan plan, CompileOptions options,
                                  List<Map<String, Tensor>> calibration) {
        checkWeights(canonical, options.fractionalBits());
        Graph g = approximate(canonical, inputShapes, plan);
        MaskClamp.apply(g, options.fractionalBits());
        Map<String, Double> ranges = ComparisonWidths.ranges(g, calibration);
        return new Lowering(g, withPlanWidths(options, plan), Weights.of(canonical), ranges).lower();
    }

    /**
     * Refuses weights (float constants with more than one element) of {@code g} beyond the fixed-point range at
     * {@code fractionalBits}, naming the weight and value: checked on the model as read, before any process
     * connects, and again when compiling (folding batch norms can scale weights up).
     */
    public static void checkWeights(Graph g, int fractionalBits) {
        MaskClamp.checkWeights(g, fractionalBits);
    }

    /** The plan's tuned comparison widths, under any the caller fixed explicitly. */
    private static CompileOptions withPlanWidths(CompileOptions options, Plan plan) {
        if (plan.comparisonWidths().isEmpty()) {
            return options;
        }
        Map<String, Integer> widths = new HashMap<>(plan.comparisonWidths());
        widths.putAll(options.comparisonWidths());
        return options.withComparisonWidths(widths);
    }

    /**
     * The graph with every non-linear site replaced by its approximation and linear ops reduced to primitives,
     * still with float semantics: the float interpreter runs it (how approximation error is measured in float).
     */
    public static Graph approximate(Graph canonical, Map<String, Shape> inputShapes, Plan plan) {
        Graph g = GraphCopy.of(canonical);
        GraphCleanup.pruneAndInfer(g, inputShapes);
        Approximator.approximate(g, plan);
        // the linearizer reads shapes, including those of values the approximations just emitted
        GraphCleanup.pruneAndInfer(g, inputShapes);
        Linearizer.apply(g);
        GraphCleanup.pruneAndInfer(g, inputShapes);
        return g;
    }
}
