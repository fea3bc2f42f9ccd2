package org.cryptorch.reference;

import static org.cryptorch.reference.OpTester.assertFloat;
import static org.cryptorch.reference.OpTester.assertLong;
import static org.cryptorch.reference.OpTester.f;
import static org.cryptorch.reference.OpTester.op;
import static org.cryptorch.reference.OpTester.s;

import java.util.List;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

class PoolOpsTest {
    private static final FloatTensor X3 = f(s(1, 1, 3, 3), 1, 2, 3, 4, 5, 6, 7, 8, 9);

    @Test
    void maxPoolWithIndices() {
        double[] v = new double[16];
        for (int i = 0; i < 16; i++) {
            v[i] = i + 1;
        }
        List<Tensor> out = op("MaxPool").outputs(2).ints("kernel_shape", 2, 2).ints("strides", 2, 2)
            .runAll(f(s(1, 1, 4, 4), v));
        assertFloat(out.get(0), s(1, 1, 2, 2), 6, 8, 14, 16);
        assertLong(out.get(1), DType.INT64, s(1, 1, 2, 2), 5, 7, 13, 15);
    }

    @Test
    void maxPoolCeilModeAddsPartialWindows() {
        assertFloat(op("MaxPool").ints("kernel_shape", 2, 2).ints("strides", 2, 2).attr("ceil_mode", 1L).run(X3),
            s(1, 1, 2, 2), 5, 6, 8, 9);
        assertFloat(op("MaxPool").ints("kernel_shape", 2, 2).ints("strides", 2, 2).run(X3), s(1, 1, 1, 1), 5);
    }

    @Test
    void maxPoolIgnoresPadding() {
        FloatTensor negative = f(s(1, 1, 1, 2), -5, -3);
        assertFloat(op("MaxPool").ints("kernel_shape", 1, 2).ints("pads", 0, 1, 0, 1).run(negative),
            s(1, 1, 1, 3), -5, -3, -3);
    }

    @Test
    void averagePoolCountsPaddingOnlyWhenAsked() {
        assertFloat(op("AveragePool").ints("kernel_shape", 2, 2).ints("strides", 2, 2).ints("pads", 1, 1, 1, 1)
            .run(X3), s(1, 1, 2, 2), 1, 2.5, 5.5, 7);
        assertFloat(op("AveragePool").ints("kernel_shape", 2, 2).ints("strides", 2, 2).ints("pads", 1, 1, 1, 1)
            .attr("count_include_pad", 1L).run(X3), s(1, 1, 2, 2), 0.25, 1.25, 2.75, 7);
    }

    @Test
    void globalAveragePool() {
        assertFloat(op("GlobalAveragePool").run(f(s(1, 2, 2, 1), 1, 2, 3, 5)), s(1, 2, 1, 1), 1.5, 4);
    }
}
