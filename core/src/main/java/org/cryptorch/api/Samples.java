package org.cryptorch.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * Samples along the first dimension of a tensor: real-valued inputs, or integer ones (such as token indices); and
 * the samples of a model's named inputs (or outputs), which share that first dimension.
 */
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

    /** Samples {@code start} (inclusive) to {@code end} (exclusive) of every named tensor, in the same order. */
    static <T extends Tensor> Map<String, Tensor> slice(Map<String, T> named, int start, int end) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        named.forEach((name, t) -> out.put(name, slice(t, start, end)));
        return out;
    }

    /** Named tensors of several batches joined along the first dimension, name by name. */
    static Map<String, FloatTensor> concatOutputs(List<Map<String, FloatTensor>> batches) {
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        for (String name : batches.get(0).keySet()) {
            out.put(name, FloatTensor.concat(0, batches.stream().map(b -> b.get(name)).toList()));
        }
        return out;
    }

    /** The shape of every named tensor. */
    static Map<String, Shape> shapes(Map<String, ? extends Tensor> named) {
        Map<String, Shape> out = new LinkedHashMap<>();
        named.forEach((name, t) -> out.put(name, t.shape()));
        return out;
    }

    static Tensor zeros(DType type, Shape shape) {
        return type.isFloat() ? FloatTensor.zeros(shape) : LongTensor.zeros(shape);
    }
}
