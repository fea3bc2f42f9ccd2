package org.cryptorch.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.Value;

/**
 * A structural copy of a graph (constant tensors shared, being immutable in use), so that compiling never changes
 * the caller's canonical graph: the tuner compiles one graph with many plans.
 */
final class GraphCopy {
    private GraphCopy() {
    }

    static Graph of(Graph src) {
        Graph g = new Graph();
        src.opsets().forEach(g::setOpset);
        Map<Value, Value> map = new HashMap<>();
        for (Value in : src.inputs()) {
            Value v = g.addInput(in.name(), in.dtype(), in.shape());
            v.setDeclaredDims(in.declaredDims());
            map.put(in, v);
        }
        for (Node n : src.nodes()) {
            List<Value> ins = new ArrayList<>();
            for (Value v : n.inputs()) {
                ins.add(v == null ? null : map.computeIfAbsent(v, k -> copyOrphan(g, k)));
            }
            List<Value> outs = new ArrayList<>();
            for (Value o : n.outputs()) {
                Value c = g.newValue(o.name());
                c.setType(o.dtype(), o.shape());
                map.put(o, c);
                outs.add(c);
            }
            g.addNode(n.opType(), n.domain(), n.name(), ins, outs, n.attributes());
        }
        for (Value out : src.outputs()) {
            g.addOutput(map.computeIfAbsent(out, k -> copyOrphan(g, k)));
        }
        return g;
    }

    /** A constant, or (for a malformed graph) a value without producer, which later stages report by name. */
    private static Value copyOrphan(Graph g, Value v) {
        if (v.isConstant()) {
            return g.constant(v.name(), v.constant());
        }
        Value c = g.newValue(v.name());
        c.setType(v.dtype(), v.shape());
        return c;
    }
}
