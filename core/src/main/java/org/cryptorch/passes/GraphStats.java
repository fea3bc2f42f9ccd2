package org.cryptorch.passes;

import java.util.HashSet;
import java.util.Set;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.Value;

/** Summary figures of a graph beyond what the printer shows. */
public final class GraphStats {
    private GraphStats() {
    }

    /**
     * Total number of elements of the distinct floating-point constants the nodes read: weights, biases, norm
     * parameters and the few scalar constants that stay (integer constants such as Reshape targets do not count).
     */
    public static long parameterCount(Graph g) {
        Set<Value> seen = new HashSet<>();
        long total = 0;
        for (Node n : g.nodes()) {
            for (Value in : n.inputs()) {
                if (in != null && in.isConstant() && in.constant().dtype().isFloat() && seen.add(in)) {
                    total += in.constant().shape().size();
                }
            }
        }
        return total;
    }
}
