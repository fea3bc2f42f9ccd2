package org.cryptorch.ir;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Tensor;

/**
 * Renders a graph as text: its inputs, its constants (data of small ones, shape only for large ones), one line per
 * node in the form {@code out:FLOAT32[1,8] = Op(in, ...) {attr=...}} and its outputs.
 */
public final class GraphPrinter {
    /** Constants with at most this many elements are printed with their data. */
    public static final int MAX_PRINTED_ELEMENTS = 8;

    private GraphPrinter() {
    }

    public static String print(Graph graph) {
        StringBuilder sb = new StringBuilder();
        sb.append("graph opset ").append(graph.opsets()).append('\n');
        sb.append("inputs:\n");
        for (Value in : graph.inputs()) {
            sb.append("  ").append(typed(in)).append('\n');
        }
        Set<Value> constants = new LinkedHashSet<>();
        for (Node n : graph.nodes()) {
            for (Value in : n.inputs()) {
                if (in != null && in.isConstant()) {
                    constants.add(in);
                }
            }
        }
        sb.append("constants: ").append(constants.size()).append('\n');
        for (Value c : constants) {
            sb.append("  ").append(typed(c));
            if (c.constant().shape().size() <= MAX_PRINTED_ELEMENTS) {
                sb.append(" = ").append(data(c.constant()));
            }
            sb.append('\n');
        }
        sb.append("nodes: ").append(graph.nodes().size()).append('\n');
        for (Node n : graph.nodes()) {
            sb.append("  ").append(line(n)).append('\n');
        }
        sb.append("outputs:\n");
        for (Value out : graph.outputs()) {
            sb.append("  ").append(typed(out)).append('\n');
        }
        return sb.toString();
    }

    /** One node: {@code outputs = Op(inputs) {attrs}  # name}. */
    public static String line(Node n) {
        String outs = n.outputs().stream().map(GraphPrinter::typed).collect(Collectors.joining(", "));
        String ins = n.inputs().stream().map(v -> v == null ? "_" : v.name()).collect(Collectors.joining(", "));
        String op = n.domain().isEmpty() ? n.opType() : n.domain() + "." + n.opType();
        StringBuilder sb = new StringBuilder(outs).append(" = ").append(op).append('(').append(ins).append(')');
        if (!n.attributes().isEmpty()) {
            sb.append(" {").append(n.attributes().values().stream().map(GraphPrinter::attribute)
                .collect(Collectors.joining(", "))).append('}');
        }
        if (n.name() != null && !n.name().isEmpty()) {
            sb.append("  # ").append(n.name());
        }
        return sb.toString();
    }

    private static String typed(Value v) {
        if (v == null) {
            return "_";
        }
        if (v.shape() == null) {
            return v.name() + (v.dtype() == null ? "" : ":" + v.dtype());
        }
        return v.name() + ":" + v.dtype() + Arrays.toString(v.shape().dims()).replace(" ", "");
    }

    private static String attribute(Attribute a) {
        String value = switch (a.kind()) {
            case FLOATS -> Arrays.toString(a.asFloats());
            case INTS -> Arrays.toString(a.asInts());
            case STRINGS -> a.asStrings().toString();
            case STRING -> '"' + a.asString() + '"';
            case TENSOR -> tensor(a.asTensor());
            case FLOAT, INT -> String.valueOf(a.value());
        };
        return a.name() + "=" + value.replace(" ", "");
    }

    private static String tensor(Tensor t) {
        String type = t.dtype() + Arrays.toString(t.shape().dims()).replace(" ", "");
        return t.shape().size() <= MAX_PRINTED_ELEMENTS ? type + data(t) : type;
    }

    private static String data(Tensor t) {
        return switch (t) {
            case FloatTensor f -> Arrays.toString(f.data());
            case LongTensor l -> Arrays.toString(l.data());
        };
    }

    /** Number of nodes per op type, in order of first appearance. */
    public static Map<String, Long> opCounts(Graph graph) {
        return graph.nodes().stream().collect(Collectors.groupingBy(Node::opType,
            java.util.LinkedHashMap::new, Collectors.counting()));
    }
}
