package org.cryptorch.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.Value;
import org.cryptorch.reference.Ops;
import org.cryptorch.tensor.Tensor;

/**
 * Runs a graph in float on calibration samples and shows every node its arguments, for statistics of the values at
 * chosen nodes (comparison widths, softmax offsets). Activations are dropped after their last use, so a large model
 * runs in a small heap.
 */
public final class FloatPass {
    /** Told of each node with its evaluated arguments (null for an absent optional input), before it runs. */
    @FunctionalInterface
    public interface Visitor {
        void visit(Node node, List<Tensor> args);
    }

    private FloatPass() {
    }

    /** Runs {@code g} on each sample (input name to tensor of the graph's declared shapes), telling {@code visitor}. */
    public static void run(Graph g, List<Map<String, Tensor>> samples, Visitor visitor) {
        Map<Value, Node> lastUse = lastUses(g);
        for (Map<String, Tensor> sample : samples) {
            Map<Value, Tensor> env = new HashMap<>();
            for (Value in : g.inputs()) {
                Tensor t = sample.get(in.name());
                if (t == null) {
                    throw new IllegalArgumentException("calibration sample lacks input '" + in.name() + "'");
                }
                if (!t.shape().equals(in.shape())) {
                    throw new IllegalArgumentException("calibration input '" + in.name() + "' has shape " + t.shape()
                        + ", the program is compiled for " + in.shape());
                }
                env.put(in, t);
            }
            for (Node n : g.nodes()) {
                List<Tensor> args = new ArrayList<>();
                for (Value v : n.inputs()) {
                    args.add(v == null ? null : v.isConstant() ? v.constant() : env.get(v));
                }
                visitor.visit(n, args);
                List<Tensor> res = Ops.evaluate(n, args, g.opset());
                for (int i = 0; i < n.outputs().size() && i < res.size(); i++) {
                    env.put(n.output(i), res.get(i));
                }
                env.keySet().removeIf(v -> lastUse.get(v) == n);
            }
        }
    }

    /** The last node (in order) reading each value; graph outputs and unread values have none. */
    private static Map<Value, Node> lastUses(Graph g) {
        Map<Value, Node> last = new HashMap<>();
        for (Node n : g.nodes()) {
            for (Value v : n.inputs()) {
                if (v != null) {
                    last.put(v, n);
                }
            }
        }
        g.outputs().forEach(last::remove);
        return last;
    }
}
