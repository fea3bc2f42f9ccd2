package org.cryptorch.reference;

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

class ScatterGatherOpsTest {
    private static final FloatTensor M22 = f(s(2, 2), 1, 2, 3, 4);

    @Test
    void scatterElementsReplacesOrAccumulates() {
        assertFloat(op("ScatterElements").attr("axis", 1L).run(M22, l(s(2, 1), 1, -2), f(s(2, 1), 9, 8)),
            s(2, 2), 1, 9, 8, 4);
        assertFloat(op("ScatterElements").attr("reduction", "add").run(M22, l(s(1, 2), 1, 1), f(s(1, 2), 10, 20)),
            s(2, 2), 1, 2, 13, 24);
    }

    @Test
    void scatterNdWritesSlices() {
        assertFloat(op("ScatterND").run(M22, l(s(1, 1), 1), f(s(1, 2), 7, 8)), s(2, 2), 1, 2, 7, 8);
        assertFloat(op("ScatterND").attr("reduction", "mul").run(M22, l(s(1, 2), 0, 1), f(10)), s(2, 2),
            1, 20, 3, 4);
    }

    @Test
    void gatherNdWithAndWithoutBatchDims() {
        assertFloat(op("GatherND").run(M22, l(s(2, 2), 0, 1, 1, 0)), s(2), 2, 3);
        assertFloat(op("GatherND").run(M22, l(s(1, 1), 1)), s(1, 2), 3, 4);
        assertFloat(op("GatherND").attr("batch_dims", 1L).run(M22, l(s(2, 1), 1, 0)), s(2), 2, 3);
    }

    @Test
    void nonZeroListsCoordinatesColumnWise() {
        assertLong(op("NonZero").run(f(s(2, 2), 0, 5, 6, 0)), DType.INT64, s(2, 2), 0, 1, 1, 0);
    }

    @Test
    void topKLargestAndSmallestWithTies() {
        List<Tensor> top = op("TopK").outputs(2).runAll(f(s(1, 4), 3, 7, 7, 1), l(2));
        assertFloat(top.get(0), s(1, 2), 7, 7);
        assertLong(top.get(1), DType.INT64, s(1, 2), 1, 2);
        List<Tensor> bottom = op("TopK").outputs(2).attr("largest", 0L).runAll(f(s(1, 4), 3, 7, 7, 1), l(1));
        assertFloat(bottom.get(0), s(1, 1), 1);
        assertLong(bottom.get(1), DType.INT64, s(1, 1), 3);
    }
}
