package org.cryptorch.reference;

import static org.cryptorch.reference.OpTester.assertFloat;
import static org.cryptorch.reference.OpTester.assertLong;
import static org.cryptorch.reference.OpTester.f;
import static org.cryptorch.reference.OpTester.l;
import static org.cryptorch.reference.OpTester.op;
import static org.cryptorch.reference.OpTester.s;

import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.junit.jupiter.api.Test;

class IndexingOpsTest {
    private static final FloatTensor M33 = f(s(3, 3), 1, 2, 3, 4, 5, 6, 7, 8, 9);

    @Test
    void triluKeepsTheChosenTriangle() {
        assertFloat(op("Trilu").run(M33), s(3, 3), 1, 2, 3, 0, 5, 6, 0, 0, 9);
        assertFloat(op("Trilu").attr("upper", 0L).run(M33, l(s(), -1)), s(3, 3), 0, 0, 0, 4, 0, 0, 7, 8, 0);
    }

    @Test
    void gatherElementsAlongEitherAxis() {
        assertFloat(op("GatherElements").attr("axis", 1L).run(M33, l(s(3, 1), 2, -3, 1)), s(3, 1), 3, 4, 8);
        assertFloat(op("GatherElements").run(M33, l(s(1, 3), 2, 0, 1)), s(1, 3), 7, 2, 6);
    }

    @Test
    void oneHotWithNegativeIndexAndAxis() {
        assertFloat(op("OneHot").run(l(0, -1), f(s(), 3), f(0, 5)), s(2, 3), 5, 0, 0, 0, 0, 5);
        assertFloat(op("OneHot").attr("axis", 0L).run(l(1, 2), f(s(), 3), f(0, 1)), s(3, 2), 0, 0, 1, 0, 0, 1);
    }

    @Test
    void cumSumForwardReverseExclusive() {
        assertFloat(op("CumSum").run(f(1, 2, 3), l(s(), 0)), s(3), 1, 3, 6);
        assertFloat(op("CumSum").attr("reverse", 1L).attr("exclusive", 1L).run(f(1, 2, 3), l(s(), 0)), s(3), 5, 3, 0);
        assertLong(op("CumSum").run(l(s(2, 2), 1, 2, 3, 4), l(s(), 1)), DType.INT64, s(2, 2), 1, 3, 3, 7);
    }

    @Test
    void hardmaxMarksTheFirstMaximum() {
        assertFloat(op("Hardmax").run(f(s(2, 2), 3, 3, 1, 2)), s(2, 2), 1, 0, 0, 1);
        assertFloat(op("Hardmax").opset(11).attr("axis", 0L).run(f(s(2, 2), 3, 3, 1, 4)), s(2, 2), 0, 0, 0, 1);
    }
}
