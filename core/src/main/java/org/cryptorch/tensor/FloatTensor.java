package org.cryptorch.tensor;

import java.util.Objects;

/**
 * A tensor of real numbers, stored as doubles whatever the declared {@link #dtype()} (FLOAT32 or FLOAT64), so the
 * float reference is at least as accurate as the model's own arithmetic. Same sharing rules as {@link LongTensor}.
 */
public final class FloatTensor implements Tensor {
    private final Shape shape;
    private final double[] data;
    private final DType dtype;

    public FloatTensor(Shape shape, double[] data, DType dtype) {
        this.shape = Objects.requireNonNull(shape);
        this.data = Objects.requireNonNull(data);
        this.dtype = Objects.requireNonNull(dtype);
        if (!dtype.isFloat()) {
            throw new IllegalArgumentException("FloatTensor cannot hold " + dtype);
        }
        if (data.length != shape.size()) {
            throw new IllegalArgumentException("data length " + data.length + " does not match shape " + shape);
        }
    }

    public FloatTensor(Shape shape, double[] data) {
        this(shape, data, DType.FLOAT32);
    }

    public static FloatTensor zeros(Shape shape) {
        return new FloatTensor(shape, new double[shape.size()]);
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
    public double[] data() {
        return data;
    }

    public int size() {
        return data.length;
    }
}
