package org.cryptorch.ir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.api.Test;

class OpTableTest {
    private final Graph g = new Graph();
    private final Value x = g.addInput("x", DType.FLOAT32, Shape.of(2, 3));
    private final Value y = g.addInput("y", DType.FLOAT32, Shape.of(2, 3));

    private String reason(String op, Value... inputs) {
        return OpTable.approximationReason(g.addNode(op, List.of(inputs), 1, null));
    }

    private Value scalar(double v) {
        return g.constant(FloatTensor.scalar(v));
    }

    @Test
    void classifiesLinearOpsAsExactAndNonLinearOnesWithAReason() {
        assertThat(reason("MatMul", x, y)).isNull();
        assertThat(reason("Reshape", x, y)).isNull();
        assertThat(reason("Gemm", x, y)).isNull();
        assertThat(reason("Div", x, scalar(8))).isNull();
        assertThat(reason("Pow", x, scalar(2))).isNull();
        assertThat(reason("Div", x, y)).contains("division by a secret");
        assertThat(reason("Pow", x, scalar(0.5))).contains("non-integer");
        assertThat(reason("Pow", x, scalar(9))).contains("non-integer");
        assertThat(reason("Relu", x)).isEqualTo("comparison with zero");
        assertThat(reason("LayerNormalization", x)).contains("square root");
        assertThat(reason("Sin", x)).contains("not an MPC-native op");
        assertThat(reason("Mystery", x)).contains("not an MPC-native op");
    }

    @Test
    void anUnlistedOpIsEvaluatedForItsShapesAndUnsupported() {
        OpTable.Op op = OpTable.of("Mystery");
        assertThat(op.shape()).isEqualTo(OpTable.ShapeRule.EVALUATE);
        assertThat(op.shapeDefining()).isEmpty();
        assertThat(op.mpc()).isEqualTo(OpTable.Mpc.UNSUPPORTED);
        assertThat(op.primitive()).isFalse();
    }

    @Test
    void everyOpTheLoweringComputesIsAPrimitiveAndNoApproximatedOneIs() {
        for (OpTable.Mpc mpc : List.of(OpTable.Mpc.LOWERED, OpTable.Mpc.MOVED)) {
            assertThat(OpTable.ops(mpc)).allMatch(op -> OpTable.of(op).primitive());
        }
        assertThat(OpTable.ops(OpTable.Mpc.APPROXIMATED)).noneMatch(op -> OpTable.of(op).primitive());
        assertThat(OpTable.ops(OpTable.Mpc.MOVED)).contains("Tile", "DepthToSpace", "SpaceToDepth", "Gather");
        assertThat(OpTable.of(OpTable.LTZ).primitive()).isTrue();
    }
}
