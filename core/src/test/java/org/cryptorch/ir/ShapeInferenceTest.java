package org.cryptorch.ir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.cryptorch.reference.Ops;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.api.Test;

class ShapeInferenceTest {
    private final ShapeInference inference = new ShapeInference(Ops.evaluator());

    /** x[?, 3, 4] -> Reshape(x, Concat(Unsqueeze(Gather(Shape(x), 0)), [-1])) -> MatMul W[12, 5] -> Softmax. */
    private static Graph pytorchStyleGraph() {
        Graph g = new Graph();
        g.setOpset("", 13);
        Value x = g.addInput("x", DType.FLOAT32, null);
        x.setDeclaredDims(new int[] {-1, 3, 4});
        Value batch = g.op("Gather", Map.of("axis", Attribute.of("axis", 0L)), g.op("Shape", x),
            g.constant(new LongTensor(Shape.scalar(), new long[] {0})));
        Value dim0 = g.op("Unsqueeze", batch, g.constant(new LongTensor(Shape.of(1), new long[] {0})));
        Value target = g.op("Concat", Map.of("axis", Attribute.of("axis", 0L)), dim0,
            g.constant(new LongTensor(Shape.of(1), new long[] {-1})));
        Value flat = g.op("Reshape", x, target);
        Value logits = g.op("MatMul", flat, g.constant("W", FloatTensor.zeros(Shape.of(12, 5))));
        g.addOutput(g.op("Softmax", logits));
        return g;
    }

    @Test
    void resolvesShapeArithmeticAndMatmul() {
        Graph g = pytorchStyleGraph();
        inference.infer(g, Map.of("x", Shape.of(2, 3, 4)));
        Node reshape = g.nodes().stream().filter(n -> n.opType().equals("Reshape")).findFirst().orElseThrow();
        assertThat(reshape.output(0).shape()).isEqualTo(Shape.of(2, 12));
        assertThat(reshape.input(1).shape()).isEqualTo(Shape.of(2));
        assertThat(reshape.input(1).dtype()).isEqualTo(DType.INT64);
        assertThat(g.outputs().get(0).shape()).isEqualTo(Shape.of(2, 5));
        assertThat(g.outputs().get(0).dtype()).isEqualTo(DType.FLOAT32);
    }

    @Test
    void rejectsAShapeThatContradictsTheDeclaredDims() {
        assertThatThrownBy(() -> inference.infer(pytorchStyleGraph(), Map.of("x", Shape.of(2, 4, 4))))
            .hasMessage("input 'x' expects shape [?, 3, 4], given [2, 4, 4]");
    }

    @Test
    void asksForTheShapeOfADynamicInput() {
        assertThatThrownBy(() -> inference.infer(pytorchStyleGraph(), Map.of()))
            .hasMessageContaining("input 'x' has dynamic shape [-1, 3, 4]");
    }

    @Test
    void rejectsUnknownInputNames() {
        assertThatThrownBy(() -> inference.infer(pytorchStyleGraph(), Map.of("y", Shape.of(1))))
            .hasMessageContaining("no graph input named 'y'");
    }

    @Test
    void convAndPoolShapes() {
        Graph g = new Graph();
        g.setOpset("", 13);
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(1, 3, 32, 32));
        Value conv = g.op("Conv", Map.of("pads", Attribute.ofInts("pads", 1, 1, 1, 1),
            "strides", Attribute.ofInts("strides", 2, 2)), x, g.constant(FloatTensor.zeros(Shape.of(8, 3, 3, 3))));
        Value pool = g.op("MaxPool", Map.of("kernel_shape", Attribute.ofInts("kernel_shape", 2, 2),
            "strides", Attribute.ofInts("strides", 2, 2)), conv);
        g.addOutput(g.op("GlobalAveragePool", pool));
        inference.infer(g, Map.of());
        assertThat(conv.shape()).isEqualTo(Shape.of(1, 8, 16, 16));
        assertThat(pool.shape()).isEqualTo(Shape.of(1, 8, 8, 8));
        assertThat(g.outputs().get(0).shape()).isEqualTo(Shape.of(1, 8, 1, 1));
    }

    @Test
    void comparisonsAreBoolAndBroadcast() {
        Graph g = new Graph();
        Value a = g.addInput("a", DType.FLOAT32, Shape.of(4, 1));
        Value b = g.addInput("b", DType.FLOAT32, Shape.of(3));
        g.addOutput(g.op("Less", a, b));
        inference.infer(g, Map.of());
        assertThat(g.outputs().get(0).shape()).isEqualTo(Shape.of(4, 3));
        assertThat(g.outputs().get(0).dtype()).isEqualTo(DType.BOOL);
    }

    @Test
    void namesAnUnsupportedOp() {
        Graph g = new Graph();
        g.setOpset("", 13);
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(2));
        g.addOutput(g.op("Frobnicate", x));
        assertThatThrownBy(() -> inference.infer(g, Map.of()))
            .hasMessage("cannot infer shapes: op Frobnicate of node 'Frobnicate_1' (opset 13) is not supported");
    }

    @Test
    void requiresStaticShapeOperands() {
        Graph g = new Graph();
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(2, 3));
        Value target = g.addInput("target", DType.INT64, Shape.of(2));
        g.addOutput(g.op("Reshape", x, target));
        assertThatThrownBy(() -> inference.infer(g, Map.of()))
            .hasMessageContaining("input 1 ('target') defines the output shape but is not a constant");
    }

    @Test
    void multiOutputOpsGetEveryOutputTyped() {
        Graph g = new Graph();
        g.setOpset("", 13);
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(4, 6));
        Node split = g.addNode("Split", java.util.List.of(x), 2, Map.of("axis", Attribute.of("axis", 1L)));
        Node dropout = g.addNode("Dropout", java.util.List.of(split.output(1)), 2, Map.of());
        g.addOutput(dropout.output(1));
        inference.infer(g, Map.of());
        assertThat(split.output(0).shape()).isEqualTo(Shape.of(4, 3));
        assertThat(split.output(1).shape()).isEqualTo(Shape.of(4, 3));
        assertThat(dropout.output(1).dtype()).isEqualTo(DType.BOOL);
    }
}
