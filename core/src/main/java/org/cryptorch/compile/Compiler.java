package org.cryptorch.compile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.GraphPrinter;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * The compiler facade: canonical graph + plan + options (+ calibration inputs) to a fixed-point two-party
 * {@link Program}. The caller's graph is not changed.
 *
 * <p>It runs the {@link Stage}s in their order on a copy: {@link Stage#APPROXIMATE}, {@link Stage#LINEARIZE},
 * {@link Stage#CLAMP_MASKS}, {@link Stage#SIZE_COMPARISONS} rewrite the graph; {@link Stage#LOWER} makes {@link Code},
 * {@link Stage#FUSE_COMPARISON_PRODUCTS} rewrites it, {@link Stage#SCHEDULE} makes the Program. A {@link StageHook}
 * sees each stage's result and time.
 */
public final class Compiler {
    private Compiler() {
    }

    /** {@link #compile(Graph, Map, Plan, CompileOptions, List, StageHook)} without a hook. */
    public static Program compile(Graph canonical, Map<String, Shape> inputShapes, Plan plan, CompileOptions options,
                                  List<Map<String, Tensor>> calibration) {
        return compile(canonical, inputShapes, plan, options, calibration, StageHook.NONE);
    }

    /**
     * @param canonical   a canonicalised graph (see {@code passes.Canonicalizer})
     * @param inputShapes shapes of the graph inputs for this compilation (e.g. with the batch size)
     * @param calibration sample inputs (by input name) to choose comparison widths from where neither the node, the
     *                    options nor the plan fixes one; null/empty: such comparisons use 64 bits
     * @param hook        told after every stage
     * @throws IllegalArgumentException naming the node/site and op of anything that cannot be compiled
     */
    public static Program compile(Graph canonical, Map<String, Shape> inputShapes, Plan plan, CompileOptions options,
                                  List<Map<String, Tensor>> calibration, StageHook hook) {
        int f = options.fractionalBits();
        checkWeights(canonical, f);
        Graph g = approximate(canonical, inputShapes, plan, hook);
        graphStage(hook, Stage.CLAMP_MASKS, g, () -> MaskClamp.apply(g, f));
        graphStage(hook, Stage.SIZE_COMPARISONS, g, () -> ComparisonWidths.annotate(g, calibration));
        Code lowered = stage(hook, Stage.LOWER, Code::listing,
            () -> new Lowering(g, withPlanWidths(options, plan), Weights.of(canonical)).lower());
        Code fused = stage(hook, Stage.FUSE_COMPARISON_PRODUCTS, Code::listing,
            () -> lowered.withInstructions(ComparisonProducts.fuse(lowered.instructions())));
        return stage(hook, Stage.SCHEDULE, Program::listing, () -> schedule(fused));
    }

    /**
     * The graph with every non-linear site replaced by its approximation and linear ops reduced to primitives
     * (stages {@link Stage#APPROXIMATE} and {@link Stage#LINEARIZE}), still with float semantics: the float
     * interpreter runs it (how approximation error is measured in float).
     */
    public static Graph approximate(Graph canonical, Map<String, Shape> inputShapes, Plan plan) {
        return approximate(canonical, inputShapes, plan, StageHook.NONE);
    }

    private static Graph approximate(Graph canonical, Map<String, Shape> inputShapes, Plan plan, StageHook hook) {
        Graph g = GraphCopy.of(canonical);
        GraphCleanup.pruneAndInfer(g, inputShapes);
        // each stage re-infers shapes: the next reads them, including those of the values this one emitted
        graphStage(hook, Stage.APPROXIMATE, g, () -> {
            Approximator.approximate(g, plan);
            GraphCleanup.pruneAndInfer(g, inputShapes);
        });
        graphStage(hook, Stage.LINEARIZE, g, () -> {
            Linearizer.apply(g);
            GraphCleanup.pruneAndInfer(g, inputShapes);
        });
        return g;
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

    /** Layers, fused steps and their protocol calls, costed once for the program's masked inputs and weights. */
    static Program schedule(Code code) {
        Map<Integer, Integer> maskedInputs = MaskedInputs.of(code.instructions());
        ProtocolCalls calls = new ProtocolCalls(code.shapes(), code.setup(), maskedInputs);
        List<Step> steps = Scheduler.schedule(code.instructions(), calls, code.shapes().length);
        return new Program(code, steps, maskedInputs, calls);
    }

    private static void graphStage(StageHook hook, Stage stage, Graph g, Runnable rewrite) {
        stage(hook, stage, GraphPrinter::print, () -> {
            rewrite.run();
            return g;
        });
    }

    private static <T> T stage(StageHook hook, Stage stage, Function<T, String> dump, Supplier<T> run) {
        long start = System.nanoTime();
        T result = run.get();
        long nanos = System.nanoTime() - start;
        hook.after(stage, () -> dump.apply(result), nanos);
        return result;
    }
}
