package org.cryptorch.passes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cryptorch.passes.TestGraphs.scalar;

import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.GraphPrinter;
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

    /** Fuses, checks the result is one MaskedSoftmax feeding the output, and that outputs are unchanged. */
    private static Node fused(java.util.function.Supplier<Graph> build) {
        TestGraphs.assertPassPreservesOutputs(build, new FuseMaskedSoftmax(), 1e-12);
        Graph g = build.get();
        assertThat(new FuseMaskedSoftmax().run(g)).isTrue();
        g.sortTopologically();
        g.removeDeadNodes();
        Node m = TestGraphs.only(g, "MaskedSoftmax");
        assertThat(m.intAttr("axis", 0)).isEqualTo(-1);
        assertThat(g.outputs().get(0)).isSameAs(m.output(0));
        assertThat(GraphPrinter.opCounts(g)).doesNotContainKeys("Softmax", "Where", "Add");
        return m;
    }

    private static Graph whereMinusInfinity() {
        Graph g = graph();
        Value x = TestGraphs.input(g, "x", 2, 4);
        Value keep = g.addInput("keep", DType.BOOL, Shape.of(2, 4));
        g.addOutput(g.op("Softmax", LAST_AXIS, g.op("Where", keep, x, scalar(g, Double.NEGATIVE_INFINITY))));
        return g;
    }

    private static Graph whereFillOnTrue() {
        Graph g = graph();
        Value x = TestGraphs.input(g, "x", 2, 4);
        Value drop = g.constant("drop", new LongTensor(Shape.of(1, 4), new long[] {1, 0, 0, 1}, DType.BOOL));
        g.addOutput(g.op("Softmax", LAST_AXIS, g.op("Where", drop, scalar(g, -3.4028234663852886e38), x)));
        return g;
    }

    private static Graph addedConstantMask() {
        Graph g = graph();
        Value x = TestGraphs.input(g, "x", 2, 3);
        Value mask = TestGraphs.floats(g, Shape.of(1, 3), 0, -10000, 0);
        g.addOutput(g.op("Softmax", LAST_AXIS, g.op("Add", mask, x)));
        return g;
    }

    /** Hugging Face BERT: scores + (1 - float(mask)) * -10000. */
    private static Graph bertMaskIdiom() {
        Graph g = graph();
        Value x = TestGraphs.input(g, "x", 2, 3);
        Value mask = g.op("Cast", Map.of("to", Attribute.of("to", 1L)), g.addInput("mask", DType.BOOL, Shape.of(1, 3)));
        Value additive = g.op("Mul", g.op("Sub", scalar(g, 1), mask), scalar(g, -10000));
        g.addOutput(g.op("Softmax", LAST_AXIS, g.op("Add", x, additive)));
        return g;
    }

    @Test
    void fusesWhereWithMinusInfinity() {
        Node m = fused(FuseMaskedSoftmaxTest::whereMinusInfinity);
        assertThat(m.input(0).name()).isEqualTo("x");
        assertThat(m.input(1).name()).isEqualTo("keep");
    }

    @Test
    void fusesWhereSelectingTheFillOnTrueThroughNot() {
        Node m = fused(FuseMaskedSoftmaxTest::whereFillOnTrue);
        assertThat(m.input(0).name()).isEqualTo("x");
        assertThat(m.input(1).producer().opType()).isEqualTo("Not");
        assertThat(m.input(1).producer().input(0).name()).isEqualTo("drop");
    }

    @Test
    void fusesAnAddedConstantMaskIntoABoolKeepConstant() {
        Node m = fused(FuseMaskedSoftmaxTest::addedConstantMask);
        LongTensor keep = (LongTensor) m.input(1).constant();
        assertThat(keep.dtype()).isEqualTo(DType.BOOL);
        assertThat(keep.shape()).isEqualTo(Shape.of(1, 3));
        assertThat(keep.data()).containsExactly(1, 0, 1);
    }

    @Test
    void fusesTheBertAttentionMaskIdiom() {
        Node m = fused(FuseMaskedSoftmaxTest::bertMaskIdiom);
        Node cast = m.input(1).producer();
        assertThat(cast.opType()).isEqualTo("Cast");
        assertThat(cast.intAttr("to", 0)).isEqualTo(9);
        assertThat(cast.input(0).producer().opType()).isEqualTo("Cast");
    }

    /** Every attention layer of a BERT adds the same extended mask: each of its softmaxes is fused. */
    @Test
    void fusesEverySoftmaxOfASharedMask() {
        java.util.function.Supplier<Graph> build = () -> {
            Graph g = graph();
            Value mask = g.op("Cast", Map.of("to", Attribute.of("to", 1L)), g.addInput("mask", DType.BOOL,
                Shape.of(1, 3)));
            Value additive = g.op("Mul", g.op("Sub", scalar(g, 1), mask), scalar(g, -3.4028234663852886e38));
            Value first = g.op("Softmax", LAST_AXIS, g.op("Add", TestGraphs.input(g, "x", 2, 3), additive));
            g.addOutput(g.op("Softmax", LAST_AXIS, g.op("Add", first, additive)));
            return g;
        };
        TestGraphs.assertPassPreservesOutputs(build, new FuseMaskedSoftmax(), 1e-12);
        Graph g = build.get();
        assertThat(new FuseMaskedSoftmax().run(g)).isTrue();
        g.sortTopologically();
        g.removeDeadNodes();
        assertThat(GraphPrinter.opCounts(g)).containsEntry("MaskedSoftmax", 2L).doesNotContainKeys("Softmax", "Add");
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
