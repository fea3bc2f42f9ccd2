package org.cryptorch.ir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.cryptorch.reference.Ops;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.api.Test;

class GraphPrinterTest {
    @Test
    void printsOneLinePerNodeWithTypesAndAttributes() {
        Graph g = new Graph();
        g.setOpset("", 17);
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(1, 4));
        Value w = g.constant("W", FloatTensor.zeros(Shape.of(4, 100)));
        Value b = g.constant("b", new FloatTensor(Shape.of(1), new double[] {0.5}));
        Value h = g.op("MatMul", x, w);
        Value s = g.op("Softmax", Map.of("axis", Attribute.of("axis", -1L)), h);
        g.addOutput(s);
        g.op("Add", g.op("Relu", s), b);
        new ShapeInference(Ops.evaluator()).infer(g, Map.of());
        String text = GraphPrinter.print(g);
        assertThat(text).startsWith("graph opset 17\ninputs:\n  x:FLOAT32[1,4]\n");
        assertThat(text).contains("  W:FLOAT32[4,100]\n");
        assertThat(text).contains("  b:FLOAT32[1] = [0.5]\n");
        assertThat(text).contains("  v_0:FLOAT32[1,100] = MatMul(x, W)  # MatMul_1\n");
        assertThat(text).contains("  v_2:FLOAT32[1,100] = Softmax(v_0) {axis=-1}  # Softmax_3\n");
        assertThat(text).contains("nodes: 4\n");
        assertThat(text).endsWith("outputs:\n  v_2:FLOAT32[1,100]\n");
    }
}
