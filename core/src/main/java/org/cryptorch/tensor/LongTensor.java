package org.cryptorch.tensor;

import java.util.Objects;

/**
 * A tensor of 64-bit integers. As a ring tensor its arithmetic wraps modulo 2^64 (Java long arithmetic);
 * as an ONNX integer or boolean tensor {@link #dtype()} says which. The backing array is shared, not copied:
 * operations return new tensors and never modify their operands unless their name ends in {@code InPlace}.
 */
public final class LongTensor implements Tensor {
    private final Shape shape;
    private final long[] data;
    private final DType dtype;

    public LongTensor(Shape shape, long[] data, DType dtype) {
        this.shape = Objects.requireNonNull(shape);
        this.data = Objects.requireNonNull(data);
        this.dtype = Objects.requireNonNull(dtype);
        if (dtype.isFloat()) {
            throw new IllegalArgumentException("LongTensor cannot hold " + dtype);
        }
        if (data.length != shape.size()) {
            throw new IllegalArgumentException("data length " + data.length + " does not match shape " + shape);
        }
    }

    public LongTensor(Shape shape, long[] data) {
        this(shape, data, DType.INT64);
    }

    public static LongTensor zeros(Shape shape) {
        return new LongTensor(shape, new long[shape.size()]);
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    /** The backing array (row-major); callers that mutate it own the tensor. */
    public long[] data() {
        return data;
    }

    public int size() {
        return data.length;
    }
}
