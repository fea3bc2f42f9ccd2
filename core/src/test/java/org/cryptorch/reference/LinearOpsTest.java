package org.cryptorch.reference;

import static org.cryptorch.reference.OpTester.assertFloat;
import static org.cryptorch.reference.OpTester.f;
import static org.cryptorch.reference.OpTester.op;
import static org.cryptorch.reference.OpTester.s;

import org.cryptorch.tensor.FloatTensor;
import org.junit.jupiter.api.Test;

class LinearOpsTest {
    private static final FloatTensor X3 = f(s(1, 1, 3, 3), 1, 2, 3, 4, 5, 6, 7, 8, 9);
    private static final FloatTensor DIAGONAL = f(s(1, 1, 2, 2), 1, 0, 0, 1);

    @Test
    void matmulBroadcastsBatchesAndHandlesVectors() {
        FloatTensor a = f(s(2, 1, 2), 1, 2, 3, 4);
        assertFloat(op("MatMul").run(a, f(s(2, 1), 10, 1)), s(2, 1, 1), 12, 34);
        assertFloat(op("MatMul").run(f(1, 2), f(s(2, 2), 1, 2, 3, 4)), s(2), 7, 10);
        assertFloat(op("MatMul").run(f(s(2, 2), 1, 2, 3, 4), f(1, 1)), s(2), 3, 7);
    }

    @Test
    void gemmTransposesScalesAndAddsBias() {
        FloatTensor a = f(s(2, 2), 1, 2, 3, 4);
        FloatTensor identity = f(s(2, 2), 1, 0, 0, 1);
        assertFloat(op("Gemm").attr("transA", 1L).attr("alpha", 2.0).attr("beta", 3.0).run(a, identity, f(1)),
            s(2, 2), 5, 9, 7, 11);
        assertFloat(op("Gemm").attr("transB", 1L).run(identity, a), s(2, 2), 1, 3, 2, 4);
    }

    @Test
    void convWithoutPadding() {
        assertFloat(op("Conv").run(X3, DIAGONAL), s(1, 1, 2, 2), 6, 8, 12, 14);
    }

    @Test
    void convWithPadsStridesAndBias() {
        assertFloat(op("Conv").ints("pads", 1, 1, 1, 1).ints("strides", 2, 2).run(X3, DIAGONAL, f(10)),
            s(1, 1, 2, 2), 11, 13, 17, 24);
    }

    @Test
    void convSameUpperPadsAtTheEnd() {
        assertFloat(op("Conv").attr("auto_pad", "SAME_UPPER").run(X3, DIAGONAL), s(1, 1, 3, 3),
            6, 8, 3, 12, 14, 6, 7, 8, 9);
    }

    @Test
    void convDilationsAndGroups() {
        assertFloat(op("Conv").ints("dilations", 2, 2).run(X3, DIAGONAL), s(1, 1, 1, 1), 10);
        assertFloat(op("Conv").attr("group", 2L).run(f(s(1, 2, 1, 1), 2, 3), f(s(2, 1, 1, 1), 10, 100)),
            s(1, 2, 1, 1), 20, 300);
    }

    @Test
    void conv1d() {
        assertFloat(op("Conv").run(f(s(1, 1, 4), 1, 2, 3, 4), f(s(1, 1, 2), 1, -1)), s(1, 1, 3), -1, -1, -1);
    }
}
