package org.cryptorch.reference;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cryptorch.reference.OpTester.assertFloat;
import static org.cryptorch.reference.OpTester.assertLong;
import static org.cryptorch.reference.OpTester.f;
import static org.cryptorch.reference.OpTester.l;
import static org.cryptorch.reference.OpTester.op;
import static org.cryptorch.reference.OpTester.s;

import java.util.List;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MovementOpsTest {
    private static final FloatTensor M23 = f(s(2, 3), 1, 2, 3, 4, 5, 6);

    @Test
    void reshapeCopiesZerosInfersMinusOneAndHonoursAllowzero() {
        assertFloat(op("Reshape").run(M23, l(0, -1)), s(2, 3), 1, 2, 3, 4, 5, 6);
        assertFloat(op("Reshape").run(M23, l(-1)), s(6), 1, 2, 3, 4, 5, 6);
        assertFloat(op("Reshape").attr("allowzero", 1L).run(f(s(0, 3)), l(3, 0)), s(3, 0));
        assertThatThrownBy(() -> op("Reshape").run(M23, l(4, -1))).hasMessageContaining("cannot reshape [2, 3]");
    }

    @Test
    void flattenAndTranspose() {
        assertFloat(op("Flatten").attr("axis", 0L).run(M23), s(1, 6), 1, 2, 3, 4, 5, 6);
        assertFloat(op("Transpose").run(M23), s(3, 2), 1, 4, 2, 5, 3, 6);
        assertFloat(op("Transpose").ints("perm", 1, 0).run(M23), s(3, 2), 1, 4, 2, 5, 3, 6);
    }

    @Test
    void squeezeAndUnsqueezeTakeAxesFromAttributeOrInput() {
        FloatTensor x = f(s(1, 2, 1), 7, 8);
        assertFloat(op("Squeeze").opset(11).ints("axes", 0).run(x), s(2, 1), 7, 8);
        assertFloat(op("Squeeze").opset(13).run(x, l(-1)), s(1, 2), 7, 8);
        assertFloat(op("Squeeze").run(x), s(2), 7, 8);
        assertFloat(op("Unsqueeze").opset(11).ints("axes", 0, 3).run(f(s(2, 1), 7, 8)), s(1, 2, 1, 1), 7, 8);
        assertFloat(op("Unsqueeze").opset(13).run(f(7, 8), l(-1)), s(2, 1), 7, 8);
    }

    @Test
    void concatAndSplit() {
        assertFloat(op("Concat").attr("axis", 1L).run(M23, f(s(2, 1), 9, 10)), s(2, 4), 1, 2, 3, 9, 4, 5, 6, 10);
        List<Tensor> equal = op("Split").outputs(3).attr("axis", 1L).runAll(M23);
        assertFloat(equal.get(2), s(2, 1), 3, 6);
        List<Tensor> sized = op("Split").opset(13).outputs(2).attr("axis", 1L).runAll(M23, l(1, 2));
        assertFloat(sized.get(1), s(2, 2), 2, 3, 5, 6);
        List<Tensor> attr = op("Split").opset(11).outputs(2).ints("split", 2, 1).attr("axis", 1L).runAll(M23);
        assertFloat(attr.get(0), s(2, 2), 1, 2, 4, 5);
    }

    @Test
    void sliceClampsLikeOnnxAndStepsBackwards() {
        assertFloat(op("Slice").run(M23, l(1), l(Long.MAX_VALUE), l(1)), s(2, 2), 2, 3, 5, 6);
        assertFloat(op("Slice").run(M23, l(-1), l(Long.MIN_VALUE), l(1), l(-1)), s(2, 3), 3, 2, 1, 6, 5, 4);
        assertFloat(op("Slice").run(M23, l(0, 2), l(2, 0), l(0, 1), l(1, -2)), s(2, 1), 3, 6);
        assertFloat(op("Slice").opset(9).ints("starts", 1).ints("ends", 2).run(M23), s(1, 3), 4, 5, 6);
    }

    @Test
    void gatherWithNegativeAndMatrixIndices() {
        assertFloat(op("Gather").attr("axis", 1L).run(M23, l(-1, 0)), s(2, 2), 3, 1, 6, 4);
        assertFloat(op("Gather").run(M23, l(s(1, 2), 1, 0)), s(1, 2, 3), 4, 5, 6, 1, 2, 3);
        assertLong(op("Gather").run(l(10, 20, 30), l(s(), 2)), DType.INT64, s(), 30);
    }

    @Test
    void expandBroadcastsBothWays() {
        assertFloat(op("Expand").run(f(s(2, 1), 1, 2), l(1, 3)), s(2, 3), 1, 1, 1, 2, 2, 2);
        assertFloat(op("Expand").run(f(s(3), 1, 2, 3), l(2, 1)), s(2, 3), 1, 2, 3, 1, 2, 3);
    }

    @Test
    void padConstantEdgeReflectAndCrop() {
        FloatTensor x = f(1, 2, 3);
        assertFloat(op("Pad").run(x, l(2, 1), f(s(), 9)), s(6), 9, 9, 1, 2, 3, 9);
        assertFloat(op("Pad").attr("mode", "edge").run(x, l(2, 1)), s(6), 1, 1, 1, 2, 3, 3);
        assertFloat(op("Pad").attr("mode", "reflect").run(x, l(2, 2)), s(7), 3, 2, 1, 2, 3, 2, 1);
        assertFloat(op("Pad").run(x, l(-1, 0)), s(2), 2, 3);
        assertFloat(op("Pad").opset(2).ints("pads", 1, 0).attr("value", 5.0).run(x), s(4), 5, 1, 2, 3);
    }

    @Test
    void tile() {
        assertFloat(op("Tile").run(f(s(1, 2), 1, 2), l(2, 2)), s(2, 4), 1, 2, 1, 2, 1, 2, 1, 2);
    }
}
