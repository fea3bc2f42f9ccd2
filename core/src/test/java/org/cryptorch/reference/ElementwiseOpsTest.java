package org.cryptorch.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.cryptorch.reference.OpTester.assertFloat;
import static org.cryptorch.reference.OpTester.assertLong;
import static org.cryptorch.reference.OpTester.bool;
import static org.cryptorch.reference.OpTester.f;
import static org.cryptorch.reference.OpTester.l;
import static org.cryptorch.reference.OpTester.op;
import static org.cryptorch.reference.OpTester.s;

import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.junit.jupiter.api.Test;

class ElementwiseOpsTest {
    @Test
    void addBroadcastsColumnAgainstRow() {
        assertFloat(op("Add").run(f(s(2, 1), 1, 2), f(10, 20, 30)), s(2, 3), 11, 21, 31, 12, 22, 32);
    }

    @Test
    void integerArithmeticStaysInteger() {
        assertLong(op("Div").run(l(7, -7), l(2)), DType.INT64, s(2), 3, -3);
        assertLong(op("Mul").run(l(3, 4), l(5)), DType.INT64, s(2), 15, 20);
    }

    @Test
    void comparisonsAndLogicGiveBool() {
        assertLong(op("Less").run(f(1, 5), f(3)), DType.BOOL, s(2), 1, 0);
        assertLong(op("Equal").run(l(4, 2), l(4, 3)), DType.BOOL, s(2), 1, 0);
        assertLong(op("Greater").run(l(Long.MAX_VALUE), l(Long.MAX_VALUE - 1)), DType.BOOL, s(1), 1);
        assertLong(op("Not").run(bool(s(2), 1, 0)), DType.BOOL, s(2), 0, 1);
    }

    @Test
    void whereBroadcastsAllThree() {
        assertFloat(op("Where").run(bool(s(2, 1), 1, 0), f(1, 2), f(-1)), s(2, 2), 1, 2, -1, -1);
    }

    @Test
    void activationsMatchHandValues() {
        assertFloat(op("Relu").run(f(-1, 2)), s(2), 0, 2);
        assertFloat(op("LeakyRelu").attr("alpha", 0.1).run(f(-2, 3)), s(2), -0.2, 3);
        assertFloat(op("HardSigmoid").run(f(-3, 0, 1, 3)), s(4), 0, 0.5, 0.7, 1);
        assertFloat(op("HardSwish").run(f(-4, 1, 4)), s(3), 0, 1 * (1 / 6.0 + 0.5), 4);
        assertFloat(op("Sigmoid").run(f(0, -800, 800)), s(3), 0.5, 0, 1);
        assertFloat(op("Silu").run(f(1)), s(1), 1 / (1 + Math.exp(-1)));
        assertFloat(op("Reciprocal").run(f(4)), s(1), 0.25);
        assertFloat(op("Pow").run(f(2, 3), f(2)), s(2), 4, 9);
    }

    @Test
    void erfAgreesWithTabulatedValuesOnBothBranches() {
        FloatTensor y = (FloatTensor) op("Erf").run(f(0.5, 2, -1, 3.5, 6));
        double[] expected = {0.5204998778130465, 0.9953222650189527, -0.8427007929497149, 0.9999992569016276, 1};
        for (int i = 0; i < expected.length; i++) {
            assertThat(y.data()[i]).isCloseTo(expected[i], within(1e-13));
        }
    }

    @Test
    void geluExactAndTanhForms() {
        assertThat(((FloatTensor) op("Gelu").run(f(1))).data()[0]).isCloseTo(0.8413447460685429, within(1e-12));
        assertThat(((FloatTensor) op("Gelu").attr("approximate", "tanh").run(f(1))).data()[0])
            .isCloseTo(0.8411919906082768, within(1e-12));
        assertThatThrownBy(() -> op("Gelu").attr("approximate", "fast").run(f(1)))
            .hasMessageContaining("approximate='fast'");
    }

    @Test
    void clipTakesBoundsFromAttributesBeforeOpset11AndFromInputsAfter() {
        assertFloat(op("Clip").opset(6).attr("min", -1.0).attr("max", 1.0).run(f(-5, 0.5, 5)), s(3), -1, 0.5, 1);
        assertFloat(op("Clip").opset(13).run(f(-5, 0.5, 5), f(s(), 0), null), s(3), 0, 0.5, 5);
    }
}
