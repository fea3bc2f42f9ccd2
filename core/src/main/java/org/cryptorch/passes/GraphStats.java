package org.cryptorch.passes;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.Value;

/** Summary figures of a graph: how many nodes of each op type, how many constant (parameter) elements. */
public final class GraphStats {
    private GraphStats() {
    }

    /** Node count per op type, sorted by op name. */
    public static Map<String, Integer> opCounts(Graph g) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Node n : g.nodes()) {
            counts.merge(n.opType(), 1, Integer::sum);
        }
        return counts;
    }

    /** Total number of elements of the distinct constants the nodes read (weights, biases and folded values). */
    public static long parameterCount(Graph g) {
        Set<Value> seen = new HashSet<>();
        long total = 0;
        for (Node n : g.nodes()) {
            for (Value in : n.inputs()) {
                if (in != null && in.isConstant() && seen.add(in)) {
                    total += in.constant().shape().size();
                }
            }
        }
        return total;
    }
}
