package org.cryptorch.reference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.InvalidInputException;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.ShapeInference;
import org.cryptorch.ir.UnsupportedModelException;
import org.cryptorch.ir.Value;
import org.cryptorch.tensor.Tensor;

/**
 * Runs a graph in floating point (doubles) with ONNX semantics: the accuracy reference of the project. Values are
 * released once their last user has run, so large models need only their live activations in memory.
 */
public final class FloatInterpreter {
    /** Told of each node with its evaluated arguments (null for an absent optional input), before it runs. */
    @FunctionalInterface
    public interface Visitor {
        /** Sees nothing. */
        Visitor NONE = (node, args) -> {
        };

        void visit(Node node, List<Tensor> args);
    }

    private FloatInterpreter() {
    }

    /**
     * Runs {@code graph} on each sample, telling {@code visitor}: statistics of the values at chosen nodes
     * (comparison widths, softmax offsets). Each sample must have the shapes the graph's were inferred for.
     */
    public static void runSamples(Graph graph, List<Map<String, Tensor>> samples, Visitor visitor) {
        for (Map<String, Tensor> sample : samples) {
            for (Value in : graph.inputs()) {
                Tensor t = sample.get(in.name());
                if (t == null) {
                    throw new InvalidInputException("calibration sample lacks input '" + in.name() + "'");
                }
                if (!t.shape().equals(in.shape())) {
                    throw new InvalidInputException("calibration input '" + in.name() + "' has shape "
                        + t.shape() + ", the program is compiled for " + in.shape());
                }
            }
            run(graph, sample, visitor);
        }
    }

    /**
     * Evaluates the graph on the given inputs (by input name) and returns the graph outputs by name, in order.
     *
     * @throws IllegalArgumentException listing every unsupported op (node names and opset) before running anything,
     *                                  or naming a missing or misshapen input
     */
    public static Map<String, Tensor> run(Graph graph, Map<String, Tensor> inputs) {
        return run(graph, inputs, Visitor.NONE);
    }

    /** As {@link #run(Graph, Map)}, showing {@code visitor} each node's arguments before it runs. */
    public static Map<String, Tensor> run(Graph graph, Map<String, Tensor> inputs, Visitor visitor) {
        checkSupported(graph);
        Map<Value, Tensor> env = new HashMap<>();
        for (Value in : graph.inputs()) {
            Tensor t = inputs.get(in.name());
            if (t == null) {
                throw new InvalidInputException("missing input '" + in.name() + "'");
            }
            ShapeInference.checkInputShape(in, t.shape());
            // float32 data may come as float64 (and vice versa); only a float/integer mix is an error
            if (in.dtype() != null && in.dtype().isFloat() != t.dtype().isFloat()) {
                throw new InvalidInputException("input '" + in.name() + "' expects " + in.dtype() + ", given "
                    + t.dtype());
            }
            env.put(in, t);
        }
        Map<Value, Integer> remainingUses = countUses(graph);
        for (Node node : graph.nodes()) {
            List<Tensor> args = new ArrayList<>();
            for (Value v : node.inputs()) {
                args.add(v == null ? null : valueOf(v, env, node));
            }
            visitor.visit(node, args);
            List<Tensor> results = Ops.evaluate(node, args, graph.opset());
            for (int i = 0; i < node.outputs().size() && i < results.size(); i++) {
                if (node.output(i) != null && results.get(i) != null) {
                    env.put(node.output(i), results.get(i));
                }
            }
            for (Value v : node.inputs()) {
                if (v != null && remainingUses.merge(v, -1, Integer::sum) == 0) {
                    env.remove(v);
                }
            }
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Value v : graph.outputs()) {
            out.put(v.name(), v.isConstant() ? v.constant() : env.get(v));
        }
        return out;
    }

    private static Tensor valueOf(Value v, Map<Value, Tensor> env, Node user) {
        if (v.isConstant()) {
            return v.constant();
        }
        Tensor t = env.get(v);
        if (t == null) {
            throw new IllegalArgumentException("node '" + user.name() + "' (" + user.opType() + ") reads '"
                + v.name() + "', which no earlier node produced");
        }
        return t;
    }

    /** Graph outputs count as uses so that they survive to the end. */
    private static Map<Value, Integer> countUses(Graph graph) {
        Map<Value, Integer> uses = new HashMap<>();
        for (Node n : graph.nodes()) {
            for (Value v : n.inputs()) {
                if (v != null) {
                    uses.merge(v, 1, Integer::sum);
                }
            }
        }
        for (Value v : graph.outputs()) {
            uses.merge(v, 1, Integer::sum);
        }
        return uses;
    }

    /** Throws one error naming every unsupported op with its nodes and the opset. */
    public static void checkSupported(Graph graph) {
        Map<String, List<String>> unsupported = new LinkedHashMap<>();
        for (Node n : graph.nodes()) {
            boolean knownDomain = n.domain().isEmpty() || n.domain().equals("ai.onnx");
            if (!knownDomain || !Ops.isSupported(n.opType())) {
                String op = knownDomain ? n.opType() : n.domain() + "." + n.opType();
                unsupported.computeIfAbsent(op, k -> new ArrayList<>()).add("'" + n.name() + "'");
            }
        }
        if (!unsupported.isEmpty()) {
            StringBuilder sb = new StringBuilder("unsupported ops (opset " + graph.opset() + "): ");
            List<String> parts = new ArrayList<>();
            for (String op : new TreeSet<>(unsupported.keySet())) {
                parts.add(op + " at nodes " + String.join(", ", unsupported.get(op)));
            }
            throw new UnsupportedModelException(sb.append(String.join("; ", parts)).toString());
        }
    }
}
