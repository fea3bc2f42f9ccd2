package org.cryptorch.passes;

import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Value;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;

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
}
