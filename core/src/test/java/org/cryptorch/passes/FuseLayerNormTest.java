package org.cryptorch.passes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cryptorch.passes.TestGraphs.scalar;

import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.GraphPrinter;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.Value;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.api.Test;

class FuseLayerNormTest {
    private static Map<String, Attribute> axes(long... a) {
        return Map.of("axes", Attribute.ofInts("axes", a));
    }

    /** PyTorch's opset-14 export of nn.LayerNorm(3): ReduceMean/Sub/Pow/ReduceMean/Add/Sqrt/Div/Mul/Add. */
    private static Value layerNorm(Graph g, Value x, boolean affine, long... reduceAxes) {
        Value d = g.op("Sub", x, g.op("ReduceMean", axes(reduceAxes), x));
        Value var = g.op("ReduceMean", axes(reduceAxes), g.op("Pow", d, scalar(g, 2)));
        Value n = g.op("Div", d, g.op("Sqrt", g.op("Add", var, scalar(g, 1e-12))));
        if (!affine) {
            return n;
        }
        Value scaled = g.op("Mul", n, TestGraphs.floats(g, Shape.of(3), 1.5, 2, 0.5));
        return g.op("Add", scaled, TestGraphs.floats(g, Shape.of(3), 0.1, 0.2, 0.3));
    }

    @Test
    void fusesTheDecompositionWithItsAffineTail() {
        Graph g = new Graph();
        Value x = TestGraphs.input(g, "x", 2, 4, 3);
        g.addOutput(layerNorm(g, x, true, -1));
        assertThat(new FuseLayerNorm().run(g)).isTrue();
        g.sortTopologically();
        g.removeDeadNodes();
        assertThat(GraphPrinter.opCounts(g)).containsOnlyKeys("LayerNormalization");
        Node ln = TestGraphs.only(g, "LayerNormalization");
        assertThat(ln.intAttr("axis", 0)).isEqualTo(-1);
        assertThat(ln.floatAttr("epsilon", 0)).isEqualTo(1e-12);
        assertThat(ln.input(0)).isSameAs(x);
        assertThat(((FloatTensor) ln.input(1).constant()).data()).containsExactly(1.5, 2, 0.5);
        assertThat(((FloatTensor) ln.input(2).constant()).data()).containsExactly(0.1, 0.2, 0.3);
        TestGraphs.assertPassPreservesOutputs(() -> {
            Graph h = new Graph();
            h.addOutput(layerNorm(h, TestGraphs.input(h, "x", 2, 4, 3), true, -1));
            return h;
        }, new FuseLayerNorm(), 1e-9);
    }

    @Test
    void fusesWithoutAffineTailUsingUnitScaleAndPositiveAxes() {
        Graph g = new Graph();
        Value x = TestGraphs.input(g, "x", 4, 3);
        g.addOutput(g.op("Relu", layerNorm(g, x, false, 1)));
        assertThat(new FuseLayerNorm().run(g)).isTrue();
        g.sortTopologically();
        g.removeDeadNodes();
        Node ln = TestGraphs.only(g, "LayerNormalization");
        assertThat(((FloatTensor) ln.input(1).constant()).data()).containsExactly(1, 1, 1);
        assertThat(((FloatTensor) ln.input(2).constant()).data()).containsExactly(0, 0, 0);
        assertThat(GraphPrinter.opCounts(g)).containsOnlyKeys("LayerNormalization", "Relu");
        TestGraphs.assertPassPreservesOutputs(() -> {
            Graph h = new Graph();
            h.addOutput(h.op("Relu", layerNorm(h, TestGraphs.input(h, "x", 4, 3), false, 1)));
            return h;
        }, new FuseLayerNorm(), 1e-9);
    }

    @Test
    void leavesReductionsOverALeadingAxisAlone() {
        Graph g = new Graph();
        Value x = TestGraphs.input(g, "x", 4, 3);
        g.addOutput(layerNorm(g, x, true, 0));
        assertThat(new FuseLayerNorm().run(g)).isFalse();
    }

    @Test
    void leavesTheDecompositionWhenTheVarianceIsUsedElsewhere() {
        Graph g = new Graph();
        Value x = TestGraphs.input(g, "x", 4, 3);
        Value d = g.op("Sub", x, g.op("ReduceMean", axes(-1), x));
        Value var = g.op("ReduceMean", axes(-1), g.op("Pow", d, scalar(g, 2)));
        g.addOutput(g.op("Div", d, g.op("Sqrt", g.op("Add", var, scalar(g, 1e-5)))));
        g.addOutput(var);
        assertThat(new FuseLayerNorm().run(g)).isFalse();
    }
}
