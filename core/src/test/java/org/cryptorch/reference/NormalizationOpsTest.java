package org.cryptorch.reference;

import static org.cryptorch.reference.OpTester.assertFloat;
import static org.cryptorch.reference.OpTester.bool;
import static org.cryptorch.reference.OpTester.f;
import static org.cryptorch.reference.OpTester.op;
import static org.cryptorch.reference.OpTester.s;

import java.util.List;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

class NormalizationOpsTest {
    private static final FloatTensor X = f(s(2, 2), 0, 0, Math.log(3), 0);

    @Test
    void softmaxBeforeOpset13NormalisesTheCoerced2dMatrix() {
        assertFloat(op("Softmax").opset(11).attr("axis", 0L).run(X), s(2, 2), 1 / 6.0, 1 / 6.0, 0.5, 1 / 6.0);
        assertFloat(op("Softmax").opset(11).run(f(s(1, 2, 2), 0, 0, Math.log(3), 0)), s(1, 2, 2),
            1 / 6.0, 1 / 6.0, 0.5, 1 / 6.0);
    }

    @Test
    void softmaxFromOpset13NormalisesOneAxis() {
        assertFloat(op("Softmax").opset(13).attr("axis", 0L).run(X), s(2, 2), 0.25, 0.5, 0.75, 0.5);
        assertFloat(op("Softmax").opset(13).run(f(s(1, 2, 2), 0, 0, Math.log(3), 0)), s(1, 2, 2),
            0.5, 0.5, 0.75, 0.25);
    }

    @Test
    void logSoftmaxIsTheLogOfSoftmax() {
        assertFloat(op("LogSoftmax").opset(13).attr("axis", 0L).run(X), s(2, 2),
            Math.log(0.25), Math.log(0.5), Math.log(0.75), Math.log(0.5));
        assertFloat(op("LogSoftmax").opset(11).attr("axis", 0L).run(X), s(2, 2),
            Math.log(1 / 6.0), Math.log(1 / 6.0), Math.log(0.5), Math.log(1 / 6.0));
    }

    @Test
    void maskedSoftmaxZeroesMaskedEntriesAndFullyMaskedRows() {
        FloatTensor x = f(s(2, 3), 1, 2, 3, 4, 5, 6);
        double e1 = Math.exp(1);
        double e3 = Math.exp(3);
        assertFloat(op("MaskedSoftmax").run(x, bool(s(2, 3), 1, 0, 1, 0, 0, 0)), s(2, 3),
            e1 / (e1 + e3), 0, e3 / (e1 + e3), 0, 0, 0);
        assertFloat(op("MaskedSoftmax").run(x, bool(s(1, 3), 1, 0, 1)), s(2, 3),
            e1 / (e1 + e3), 0, e3 / (e1 + e3), 1 / (1 + Math.exp(2)), 0, Math.exp(2) / (1 + Math.exp(2)));
    }

    @Test
    void layerNormalizationWithMeanAndInverseStdOutputs() {
        double inv = 1 / Math.sqrt(1.25 + 1e-5);
        List<Tensor> out = op("LayerNormalization").outputs(3)
            .runAll(f(s(1, 4), 1, 2, 3, 4), f(2, 2, 2, 2), f(1));
        assertFloat(out.get(0), s(1, 4), 1 - 3 * inv, 1 - inv, 1 + inv, 1 + 3 * inv);
        assertFloat(out.get(1), s(1, 1), 2.5);
        assertFloat(out.get(2), s(1, 1), inv);
    }

    @Test
    void batchNormalizationPerChannel() {
        assertFloat(op("BatchNormalization").attr("epsilon", 0.0)
                .run(f(s(1, 2, 1, 1), 1, 2), f(2, 3), f(1, 1), f(0, 1), f(1, 4)),
            s(1, 2, 1, 1), 3, 2.5);
    }
}
