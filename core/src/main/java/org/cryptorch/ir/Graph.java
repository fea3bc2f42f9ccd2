package org.cryptorch.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * A dataflow graph in topological order: inputs, constants (initializers), nodes and outputs. This class is also
 * the builder that the importer, passes and approximations use: {@link #addNode}, {@link #constant},
 * {@link #replaceAllUses}, {@link #removeNode}.
 */
public final class Graph {
    private final List<Value> inputs = new ArrayList<>();
    private final List<Value> outputs = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Integer> opsetByDomain = new LinkedHashMap<>();
    private int nameCounter;

    public List<Value> inputs() {
        return Collections.unmodifiableList(inputs);
    }

    public List<Value> outputs() {
        return Collections.unmodifiableList(outputs);
    }

    public List<Node> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    /** Opset version of the default ONNX domain (0 when unknown). */
    public int opset() {
        return opsetByDomain.getOrDefault("", 0);
    }

    public Map<String, Integer> opsets() {
        return Collections.unmodifiableMap(opsetByDomain);
    }

    public void setOpset(String domain, int version) {
        opsetByDomain.put(domain, version);
    }

    public Value addInput(String name, DType dtype, Shape shape) {
        Value v = new Value(name, dtype, shape, null);
        inputs.add(v);
        return v;
    }

    /**
     * Makes input {@code name} the constant {@code value} (an input both parties know, folded into the program):
     * every use of the input takes the constant, and the graph has one input fewer.
     */
    public void bindInput(String name, Tensor value) {
        Value in = inputs.stream().filter(v -> v.name().equals(name)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("'" + name + "' is no input of the graph"));
        replaceAllUses(in, constant(freshName(name), value));
        inputs.remove(in);
    }

    public void addOutput(Value v) {
        outputs.add(v);
    }

    public void setOutput(int i, Value v) {
        outputs.set(i, v);
    }

    /** A constant value (initializer or folded tensor); not listed among the nodes. */
    public Value constant(String name, Tensor t) {
        return new Value(name == null ? freshName("const") : name, t.dtype(), t.shape(), t);
    }

    public Value constant(Tensor t) {
        return constant(null, t);
    }

    /** A value with no producer yet, for readers that create values before their producing node. */
    public Value newValue(String name) {
        return new Value(name == null ? freshName("v") : name, null, null, null);
    }

    /** Appends a node with fresh output values. */
    public Node addNode(String opType, List<Value> in, int numOutputs, Map<String, Attribute> attrs) {
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < numOutputs; i++) {
            out.add(newValue(null));
        }
        return addNode(opType, "", freshName(opType), in, out, attrs);
    }

    /** Appends a node whose output values already exist (the importer). */
    public Node addNode(String opType, String domain, String name, List<Value> in, List<Value> out,
                        Map<String, Attribute> attrs) {
        Node n = new Node(opType, domain, name, in, out, attrs == null ? Map.of() : attrs);
        for (Value v : out) {
            v.producer = n;
        }
        nodes.add(n);
        return n;
    }

    /** Single-output convenience: {@code g.op("Add", a, b)}. */
    public Value op(String opType, Value... in) {
        return addNode(opType, List.of(in), 1, Map.of()).output(0);
    }

    /** Single-output convenience with attributes. */
    public Value op(String opType, Map<String, Attribute> attrs, Value... in) {
        return addNode(opType, java.util.Arrays.asList(in), 1, attrs).output(0);
    }

    /** Makes every user of {@code from} (nodes and graph outputs) use {@code to} instead. */
    public void replaceAllUses(Value from, Value to) {
        for (Node n : nodes) {
            for (int i = 0; i < n.inputs.size(); i++) {
                if (n.inputs.get(i) == from) {
                    n.setInput(i, to);
                }
            }
        }
        for (int i = 0; i < outputs.size(); i++) {
            if (outputs.get(i) == from) {
                if (to.producer() != null || to.isConstant() || inputs.contains(to)) {
                    // keep the public output name stable for callers that look outputs up by name
                    String keep = from.name();
                    from.rename(freshName(keep + "_replaced"));
                    to.rename(keep);
                }
                outputs.set(i, to);
            }
        }
    }

    public void removeNode(Node n) {
        nodes.remove(n);
        for (Value v : n.outputs) {
            if (v.producer == n) {
                v.producer = null;
            }
        }
    }

    /** Nodes that read {@code v}. */
    public List<Node> users(Value v) {
        List<Node> r = new ArrayList<>();
        for (Node n : nodes) {
            if (n.inputs.contains(v)) {
                r.add(n);
            }
        }
        return r;
    }

    /** Drops nodes none of whose outputs reach a graph output. */
    public int removeDeadNodes() {
        Set<Value> live = new HashSet<>(outputs);
        int removed = 0;
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node n = nodes.get(i);
            boolean used = false;
            for (Value o : n.outputs) {
                used |= live.contains(o);
            }
            if (used) {
                live.addAll(n.inputs);
            } else {
                nodes.remove(i);
                removed++;
            }
        }
        return removed;
    }

    /** Re-sorts nodes topologically (rewrites may append producers after their users). */
    public void sortTopologically() {
        Map<Value, Node> producerOf = new HashMap<>();
        for (Node n : nodes) {
            for (Value o : n.outputs) {
                producerOf.put(o, n);
            }
        }
        List<Node> order = new ArrayList<>();
        Set<Node> done = new HashSet<>();
        Set<Node> onStack = new HashSet<>();
        for (Node n : nodes) {
            visit(n, producerOf, done, onStack, order);
        }
        nodes.clear();
        nodes.addAll(order);
    }

    private static void visit(Node n, Map<Value, Node> producerOf, Set<Node> done, Set<Node> onStack,
                              List<Node> order) {
        if (done.contains(n)) {
            return;
        }
        if (!onStack.add(n)) {
            throw new IllegalStateException("graph has a cycle through node " + n);
        }
        for (Value in : n.inputs) {
            Node p = in == null ? null : producerOf.get(in);
            if (p != null) {
                visit(p, producerOf, done, onStack, order);
            }
        }
        onStack.remove(n);
        done.add(n);
        order.add(n);
    }

    public String freshName(String prefix) {
        return prefix + "_" + (nameCounter++);
    }
}
