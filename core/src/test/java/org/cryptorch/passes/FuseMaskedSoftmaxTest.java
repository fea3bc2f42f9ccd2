package org.cryptorch.passes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cryptorch.passes.TestGraphs.scalar;

import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.Value;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.api.Test;

class FuseMaskedSoftmaxTest {
    private static final Map<String, Attribute> LAST_AXIS = Map.of("axis", Attribute.of("axis", -1L));

    private static Graph graph() {
        Graph g = new Graph();
        g.setOpset("", 14);
        return g;
    }

    private static Node fused(Graph g) {
        assertThat(new FuseMaskedSoftmax().run(g)).isTrue();
        g.sortTopologically();
        g.removeDeadNodes();
        Node m = TestGraphs.only(g, "MaskedSoftmax");
        assertThat(m.intAttr("axis", 0)).isEqualTo(-1);
        assertThat(g.outputs().get(0)).isSameAs(m.output(0));
        assertThat(GraphStats.opCounts(g)).doesNotContainKeys("Softmax", "Where", "Add");
        return m;
    }

    @Test
    void fusesWhereWithMinusInfinity() {
        Graph g = graph();
        Value x = TestGraphs.input(g, "x", 2, 4);
        Value keep = g.addInput("keep", DType.BOOL, Shape.of(2, 4));
        g.addOutput(g.op("Softmax", LAST_AXIS, g.op("Where", keep, x, scalar(g, Double.NEGATIVE_INFINITY))));
        Node m = fused(g);
        assertThat(m.inputs()).containsExactly(x, keep);
    }

    @Test
    void fusesWhereSelectingTheFillOnTrueThroughNot() {
        Graph g = graph();
        Value x = TestGraphs.input(g, "x", 2, 4);
        Value drop = g.addInput("drop", DType.BOOL, Shape.of(1, 4));
        g.addOutput(g.op("Softmax", LAST_AXIS, g.op("Where", drop, scalar(g, -3.4028234663852886e38), x)));
        Node m = fused(g);
        assertThat(m.input(0)).isSameAs(x);
        assertThat(m.input(1).producer().opType()).isEqualTo("Not");
        assertThat(m.input(1).producer().inputs()).containsExactly(drop);
    }

    @Test
    void fusesAnAddedConstantMaskIntoABoolKeepConstant() {
        Graph g = graph();
        Value x = TestGraphs.input(g, "x", 2, 3);
        Value mask = TestGraphs.floats(g, Shape.of(1, 3), 0, -10000, 0);
        g.addOutput(g.op("Softmax", LAST_AXIS, g.op("Add", mask, x)));
        Node m = fused(g);
        LongTensor keep = (LongTensor) m.input(1).constant();
        assertThat(keep.dtype()).isEqualTo(DType.BOOL);
        assertThat(keep.shape()).isEqualTo(Shape.of(1, 3));
        assertThat(keep.data()).containsExactly(1, 0, 1);
    }

    @Test
    void fusesTheBertAttentionMaskIdiom() {
        Graph g = graph();
        Value x = TestGraphs.input(g, "x", 2, 3);
        Value mask = TestGraphs.input(g, "mask", 1, 3);
        Value additive = g.op("Mul", g.op("Sub", scalar(g, 1), mask), scalar(g, -10000));
        g.addOutput(g.op("Softmax", LAST_AXIS, g.op("Add", x, additive)));
        Node m = fused(g);
        Node cast = m.input(1).producer();
        assertThat(cast.opType()).isEqualTo("Cast");
        assertThat(cast.intAttr("to", 0)).isEqualTo(9);
        assertThat(cast.inputs()).containsExactly(mask);
    }

    @Test
    void leavesSmallBiasesAndOtherSoftmaxAxesBeforeOpset13Alone() {
        Graph g = graph();
        Value x = TestGraphs.input(g, "x", 2, 3);
        g.addOutput(g.op("Softmax", LAST_AXIS, g.op("Add", x, TestGraphs.floats(g, Shape.of(3), 0, -5, 0))));
        assertThat(new FuseMaskedSoftmax().run(g)).isFalse();

        Graph old = new Graph();
        old.setOpset("", 11);
        Value y = TestGraphs.input(old, "y", 2, 3, 4);
        Value keep = old.addInput("keep", DType.BOOL, Shape.of(2, 3, 4));
        old.addOutput(old.op("Softmax", old.op("Where", keep, y, scalar(old, -1e9))));
        assertThat(new FuseMaskedSoftmax().run(old)).isFalse();
    }
}
