package org.cryptorch.passes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.ShapeInference;
import org.cryptorch.ir.Value;
import org.cryptorch.reference.FloatInterpreter;
import org.cryptorch.reference.Ops;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/** Small builders for the graphs the pass tests rewrite. */
final class TestGraphs {
    private TestGraphs() {
    }

    static Value scalar(Graph g, double v) {
        return g.constant(new FloatTensor(Shape.scalar(), new double[] {v}));
    }

    static Value floats(Graph g, Shape s, double... v) {
        return g.constant(new FloatTensor(s, v.clone()));
    }

    /** A constant of normal random values (seeded), shifted by {@code mean}. */
    static Value randomConstant(Graph g, Random rnd, double mean, int... dims) {
        double[] d = new double[Shape.of(dims).size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = mean + rnd.nextGaussian();
        }
        return floats(g, Shape.of(dims), d);
    }

    static Value longs(Graph g, long... v) {
        return g.constant(new LongTensor(Shape.of(v.length), v.clone()));
    }

    static Value input(Graph g, String name, int... dims) {
        return g.addInput(name, DType.FLOAT32, Shape.of(dims));
    }

    /** The only node of the graph with this op type. */
    static org.cryptorch.ir.Node only(Graph g, String opType) {
        var found = g.nodes().stream().filter(n -> n.opType().equals(opType)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + opType + " node, found " + found.size() + " in " + g.nodes());
        }
        return found.get(0);
    }

    /**
     * Builds the graph twice, rewrites one copy with {@code pass} (inside a pass manager, with shape inference) and
     * checks that the float interpreter gives the same outputs on random inputs (normal floats, random bools).
     */
    static void assertPassPreservesOutputs(Supplier<Graph> build, Pass pass, double tolerance) {
        assertPassesPreserveOutputs(build, List.of(pass), tolerance);
    }

    /** Same for a pipeline of passes. Returns the rewritten graph for further checks. */
    static Graph assertPassesPreserveOutputs(Supplier<Graph> build, List<Pass> passes, double tolerance) {
        return assertRewritePreservesOutputs(build, g -> {
            ShapeInference shapes = new ShapeInference(Ops.evaluator());
            shapes.infer(g, Map.of());
            new PassManager(passes, 5, graph -> shapes.infer(graph, Map.of())).run(g);
        }, tolerance);
    }

    /** Same for any in-place rewrite of the graph. */
    static Graph assertRewritePreservesOutputs(Supplier<Graph> build, Consumer<Graph> rewrite, double tolerance) {
        Graph original = build.get();
        Graph rewritten = build.get();
        rewrite.accept(rewritten);
        Map<String, Tensor> inputs = randomInputs(original, new Random(7));
        var expected = FloatInterpreter.run(original, inputs).values().iterator();
        for (Tensor actual : FloatInterpreter.run(rewritten, inputs).values()) {
            double[] want = Patterns.values(expected.next());
            double[] got = Patterns.values(actual);
            assertThat(got).hasSameSizeAs(want);
            for (int i = 0; i < want.length; i++) {
                assertThat(got[i]).as("output element %d", i).isCloseTo(want[i],
                    org.assertj.core.data.Offset.offset(tolerance));
            }
        }
        return rewritten;
    }

    private static Map<String, Tensor> randomInputs(Graph g, Random rnd) {
        Map<String, Tensor> inputs = new HashMap<>();
        for (Value in : g.inputs()) {
            int n = in.shape().size();
            if (in.dtype() == DType.BOOL) {
                long[] bits = new long[n];
                for (int i = 0; i < n; i++) {
                    bits[i] = rnd.nextInt(4) == 0 ? 0 : 1;
                }
                inputs.put(in.name(), new LongTensor(in.shape(), bits, DType.BOOL));
            } else {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    d[i] = 2 * rnd.nextGaussian();
                }
                inputs.put(in.name(), new FloatTensor(in.shape(), d, in.dtype()));
            }
        }
        return inputs;
    }
}
