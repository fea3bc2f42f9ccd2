package org.cryptorch.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Value;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

class FloatInterpreterTest {
    /** y = Relu(x W + b), z = Sigmoid(y). */
    private static Graph mlp() {
        Graph g = new Graph();
        g.setOpset("", 13);
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(1, 2));
        x.setDeclaredDims(new int[] {-1, 2});
        Value w = g.constant("W", new FloatTensor(Shape.of(2, 2), new double[] {1, -1, 2, 1}));
        Value b = g.constant("b", new FloatTensor(Shape.of(2), new double[] {0, -10}));
        Value y = g.op("Relu", g.op("Add", g.op("MatMul", x, w), b));
        y.rename("y");
        Value z = g.op("Sigmoid", y);
        z.rename("z");
        g.addOutput(y);
        g.addOutput(z);
        return g;
    }

    @Test
    void runsTheGraphAndReturnsOutputsByNameInOrder() {
        Map<String, Tensor> out = FloatInterpreter.run(mlp(),
            Map.of("x", new FloatTensor(Shape.of(1, 2), new double[] {3, 4})));
        assertThat(out.keySet()).containsExactly("y", "z");
        assertThat(((FloatTensor) out.get("y")).data()).containsExactly(11, 0);
        assertThat(((FloatTensor) out.get("z")).data()[1]).isEqualTo(0.5);
    }

    @Test
    void checksInputsAgainstDeclaredDims() {
        assertThatThrownBy(() -> FloatInterpreter.run(mlp(), Map.of("x", FloatTensor.zeros(Shape.of(1, 3)))))
            .hasMessage("input 'x' expects shape [?, 2], given [1, 3]");
        assertThatThrownBy(() -> FloatInterpreter.run(mlp(), Map.of())).hasMessage("missing input 'x'");
        assertThatThrownBy(() -> FloatInterpreter.run(mlp(), Map.of("x", LongTensor.zeros(Shape.of(1, 2)))))
            .hasMessage("input 'x' expects FLOAT32, given INT64");
    }

    @Test
    void listsEveryUnsupportedOpWithNodesAndOpset() {
        Graph g = new Graph();
        g.setOpset("", 12);
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(2));
        Value a = g.op("Frobnicate", x);
        Value b = g.op("Relu", g.op("Frobnicate", a));
        g.addOutput(g.op("Zap", b));
        assertThatThrownBy(() -> FloatInterpreter.run(g, Map.of("x", FloatTensor.zeros(Shape.of(2)))))
            .hasMessage("unsupported ops (opset 12): Frobnicate at nodes 'Frobnicate_1', 'Frobnicate_3'; "
                + "Zap at nodes 'Zap_7'");
    }

    @Test
    void supportedOpListCoversTheRequiredSet() {
        assertThat(Ops.supportedOps()).contains("Add", "Sub", "Mul", "Div", "Neg", "Abs", "MatMul", "Gemm", "Conv",
            "Relu", "LeakyRelu", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Erf", "Gelu", "Exp", "Log", "Sqrt",
            "Reciprocal", "Pow", "Softmax", "LogSoftmax", "LayerNormalization", "BatchNormalization", "MaxPool",
            "AveragePool", "GlobalAveragePool", "Flatten", "Reshape", "Transpose", "Squeeze", "Unsqueeze", "Concat",
            "Split", "Slice", "Gather", "Expand", "Where", "Equal", "Less", "Greater", "Not", "Clip", "ReduceMean",
            "ReduceSum", "ReduceMax", "Pad", "Constant", "ConstantOfShape", "Shape", "Identity", "Dropout", "Cast",
            "Silu", "MaskedSoftmax");
        assertThat(Ops.isSupported("LSTM")).isFalse();
    }
}
