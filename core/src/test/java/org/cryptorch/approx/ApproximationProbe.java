package org.cryptorch.approx;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.Value;
import org.cryptorch.reference.FloatInterpreter;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * Builds an approximation's graph over fresh inputs and measures it: its values on the float interpreter against
 * the exact op (a one-node graph on the same interpreter), its secret-product depth and its comparisons.
 */
final class ApproximationProbe {
    private static final int OPSET = 17;

    final Approximation approximation;
    final KnobValues knobs;
    final Map<String, Attribute> attributes;
    final Graph graph = new Graph();

    ApproximationProbe(String name, Map<String, String> knobs, Map<String, Attribute> attributes, int arity) {
        this.approximation = Approximations.get(name);
        this.knobs = KnobValues.of(knobs).complete(approximation);
        this.attributes = attributes;
        graph.setOpset("", OPSET);
        List<Value> inputs = new ArrayList<>();
        for (int i = 0; i < arity; i++) {
            inputs.add(graph.addInput("x" + i, DType.FLOAT64, null));
        }
        Emitter e = new Emitter(graph);
        approximation.build(e, inputs, attributes, this.knobs).forEach(graph::addOutput);
    }

    static ApproximationProbe unary(String name, Map<String, String> knobs) {
        return new ApproximationProbe(name, knobs, Map.of(), 1);
    }

    double[] run(double[]... inputs) {
        return evaluate(graph, inputs);
    }

    /** The exact op on the same inputs (extra constant inputs, e.g. Clip bounds, follow the graph inputs). */
    double[] exact(List<Value> constantInputs, double[]... inputs) {
        Graph g = new Graph();
        g.setOpset("", OPSET);
        List<Value> in = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            in.add(g.addInput("x" + i, DType.FLOAT64, null));
        }
        in.addAll(constantInputs);
        g.addOutput(g.addNode(approximation.op(), in, 1, attributes).output(0));
        return evaluate(g, inputs);
    }

    double[] exact(double[]... inputs) {
        return exact(List.of(), inputs);
    }

    /** The graph's first output on the float interpreter, input i fed with inputs[i]. */
    static double[] evaluate(Graph g, double[]... inputs) {
        Map<String, Tensor> feed = new java.util.HashMap<>();
        for (int i = 0; i < inputs.length; i++) {
            feed.put("x" + i, new FloatTensor(Shape.of(inputs[i].length), inputs[i]));
        }
        Tensor out = FloatInterpreter.run(g, feed).values().iterator().next();
        return ((FloatTensor) out).data();
    }

    /** The longest chain of secret-by-secret products (Mul, MatMul, Conv) and comparisons (Ltz). */
    int secretDepth() {
        return secretDepth(graph);
    }

    /** {@link #secretDepth()} of any graph whose inputs are secret. */
    static int secretDepth(Graph graph) {
        Set<Value> secret = new HashSet<>(graph.inputs());
        Map<Value, Integer> depth = new java.util.HashMap<>();
        int deepest = 0;
        for (Node n : graph.nodes()) {
            int before = 0;
            int secretInputs = 0;
            for (Value v : n.inputs()) {
                if (v != null && secret.contains(v)) {
                    secretInputs++;
                    before = Math.max(before, depth.getOrDefault(v, 0));
                }
            }
            if (secretInputs == 0) {
                continue;
            }
            boolean round = n.opType().equals(Primitives.LTZ)
                || Set.of("Mul", "MatMul", "Conv").contains(n.opType()) && secretInputs == 2;
            int d = before + (round ? 1 : 0);
            deepest = Math.max(deepest, d);
            for (Value o : n.outputs()) {
                secret.add(o);
                depth.put(o, d);
            }
        }
        return deepest;
    }

    long ltzNodes() {
        return graph.nodes().stream().filter(n -> n.opType().equals(Primitives.LTZ)).count();
    }

    /** Comparisons per input element: a fused Ltz over a Concat of k inputs counts k. */
    int comparisonsPerElement() {
        int count = 0;
        for (Node n : graph.nodes()) {
            if (n.opType().equals(Primitives.LTZ)) {
                Node producer = n.input(0).producer();
                count += producer != null && producer.opType().equals("Concat") ? producer.inputs().size() : 1;
            }
        }
        return count;
    }

    /** Node op types that are not primitives. */
    List<String> nonPrimitives() {
        return graph.nodes().stream().map(Node::opType).filter(op -> !Primitives.isPrimitive(op)).toList();
    }
}
