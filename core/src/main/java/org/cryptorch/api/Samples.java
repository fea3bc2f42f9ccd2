package org.cryptorch.api;

import java.util.List;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/** Samples along the first dimension of a tensor: real-valued inputs, or integer ones (such as token indices). */
final class Samples {
    private Samples() {
    }

    /** Samples {@code start} (inclusive) to {@code end} (exclusive). */
    static Tensor slice(Tensor t, int start, int end) {
        return Tensor.samples(t, start, end);
    }

    /** Tensors of one type joined along the first dimension. */
    static Tensor concat(List<Tensor> parts) {
        if (parts.get(0) instanceof FloatTensor) {
            return FloatTensor.concat(0, parts.stream().map(FloatTensor.class::cast).toList());
        }
        return LongTensor.concat(0, parts.stream().map(LongTensor.class::cast).toList());
    }

    static Tensor zeros(DType type, Shape shape) {
        return type.isFloat() ? FloatTensor.zeros(shape) : LongTensor.zeros(shape);
    }
}
