package org.cryptorch.tensor;

import java.util.List;
import java.util.Objects;

/**
 * What {@link LongTensor} and {@link FloatTensor} share: a shape, a dtype and a row-major Java array of type
 * {@code A}. Data movement (reshape, permute, slice, gather, broadcast, concat) and the matrix products only move or
 * combine elements by index, so they are written here once; subclasses supply the typed array operations.
 *
 * @param <T> the concrete tensor type returned by operations
 * @param <A> the backing array type (long[] or double[])
 */
public abstract sealed class DenseTensor<T extends DenseTensor<T, A>, A> permits LongTensor, FloatTensor {
    private final Shape shape;
    private final DType dtype;

    DenseTensor(Shape shape, DType dtype, int dataLength) {
        this.shape = Objects.requireNonNull(shape);
        this.dtype = Objects.requireNonNull(dtype);
        if (dataLength != shape.size()) {
            throw new IllegalArgumentException("data length " + dataLength + " does not match shape " + shape);
        }
    }

    public final Shape shape() {
        return shape;
    }

    public final DType dtype() {
        return dtype;
    }

    public final int size() {
        return shape.size();
    }

    /** The backing array (row-major); callers that mutate it own the tensor. */
    public abstract A data();

    /** A tensor of the same type and dtype over the given array. */
    abstract T withData(Shape shape, A data);

    abstract A newArray(int length);

    /** Elements picked by the map; fill positions get zero. */
    abstract T rearranged(IndexMap map);

    abstract MatmulKernel<A> matmulKernel();

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    /** Same elements viewed with another shape of equal size; shares the backing array. */
    public T reshape(Shape newShape) {
        if (newShape.size() != shape.size()) {
            throw new IllegalArgumentException("cannot reshape " + shape + " to " + newShape + ": sizes differ");
        }
        return withData(newShape, data());
    }

    /** Numpy transpose with axes {@code perm} (negative axes allowed): result axis i is input axis perm[i]. */
    public T permute(int... perm) {
        return rearranged(IndexMap.permute(shape, perm));
    }

    /** Swaps the last two axes (matrix transpose, batched). */
    public T transposeLast2() {
        int r = shape.rank();
        if (r < 2) {
            throw new IllegalArgumentException("transposeLast2 needs rank >= 2, got shape " + shape);
        }
        int[] perm = new int[r];
        for (int i = 0; i < r; i++) {
            perm[i] = i;
        }
        perm[r - 2] = r - 1;
        perm[r - 1] = r - 2;
        return permute(perm);
    }

    /** Numpy {@code x[..., start:end:step, ...]} on one axis; bounds are clamped, negative bounds count from the end. */
    public T slice(int axis, int start, int end, int step) {
        return rearranged(IndexMap.slice(shape, axis, start, end, step));
    }

    /** Numpy {@code take(x, indices, axis)}; negative indices wrap once, others out of range are an error. */
    public T gather(int axis, LongTensor indices) {
        return rearranged(IndexMap.gather(shape, axis, indices));
    }

    /** Numpy broadcast_to; returns this tensor itself when the shape already matches. */
    public T broadcastTo(Shape target) {
        if (target.equals(shape)) {
            return self();
        }
        return repeatsWhole(target) ? tiled(target) : rearranged(IndexMap.broadcast(shape, target));
    }

    /**
     * Whether {@code target} is whole copies of this tensor back to back: this shape, padded with leading 1s, differs
     * from it only in leading axes (a bias row or a scalar broadcast over a batch, the common case).
     */
    private boolean repeatsWhole(Shape target) {
        int offset = target.rank() - shape.rank();
        if (offset < 0 || shape.size() == 0 || target.size() == 0) {
            return false;
        }
        int a = 0;
        while (a < shape.rank() && shape.dim(a) == 1) {
            a++;
        }
        for (int i = a; i < shape.rank(); i++) {
            if (shape.dim(i) != target.dim(offset + i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Copies of this tensor's elements back to back, shaped {@code target}: one copy, then the filled part doubled
     * until full (a logarithmic number of block copies, so a broadcast scalar is as cheap as a large row).
     */
    private T tiled(Shape target) {
        int total = target.size();
        A out = newArray(total);
        int filled = shape.size();
        System.arraycopy(data(), 0, out, 0, filled);
        while (filled < total) {
            int n = Math.min(filled, total - filled);
            System.arraycopy(out, 0, out, filled, n);
            filled += n;
        }
        return withData(target, out);
    }

    /** A tensor with its own copy of the data. */
    public T copy() {
        A copy = newArray(size());
        System.arraycopy(data(), 0, copy, 0, size());
        return withData(shape, copy);
    }

    /** Numpy matmul: batched over leading axes with broadcasting; 1-D operands act as a row or column vector. */
    public T matmul(T other) {
        MatmulPlan plan = new MatmulPlan(shape, other.shape());
        A out = newArray(plan.outShape().size());
        plan.run(matmulKernel(), data(), other.data(), out);
        return withData(plan.outShape(), out);
    }

    /**
     * 2-D convolution of this NCHW input with OIHW {@code weights} (no bias), as in ONNX Conv.
     *
     * @param strides   {sh, sw}
     * @param pads      {top, left, bottom, right}
     * @param dilations {dh, dw}
     */
    public T conv2d(T weights, int[] strides, int[] pads, int[] dilations, int groups) {
        Conv2dPlan plan = new Conv2dPlan(shape, weights.shape(), strides, pads, dilations, groups);
        A columns = rearranged(plan.im2col()).data();
        A out = newArray(plan.outShape().size());
        plan.run(matmulKernel(), columns, weights.data(), out);
        return withData(plan.outShape(), out);
    }

    /** Numpy concatenate along {@code axis}; all parts need the same rank and equal sizes on the other axes. */
    static <T extends DenseTensor<T, A>, A> T concatParts(int axis, List<T> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("concat needs at least one tensor");
        }
        T first = parts.get(0);
        Shape s0 = first.shape();
        int a = s0.axis(axis);
        int[] outDims = s0.dims();
        outDims[a] = 0;
        for (T p : parts) {
            Shape s = p.shape();
            boolean compatible = s.rank() == s0.rank();
            for (int i = 0; compatible && i < s.rank(); i++) {
                compatible = i == a || s.dim(i) == s0.dim(i);
            }
            if (!compatible) {
                throw new IllegalArgumentException("cannot concat shapes " + s0 + " and " + s + " along axis " + axis);
            }
            outDims[a] += s.dim(a);
        }
        Shape out = Shape.of(outDims);
        int outer = 1;
        for (int i = 0; i < a; i++) {
            outer *= outDims[i];
        }
        int outChunk = outer == 0 ? 0 : out.size() / outer;
        A data = first.newArray(out.size());
        int offset = 0;
        for (T p : parts) {
            int chunk = outer == 0 ? 0 : p.size() / outer;
            for (int o = 0; o < outer; o++) {
                System.arraycopy(p.data(), o * chunk, data, o * outChunk + offset, chunk);
            }
            offset += chunk;
        }
        return first.withData(out, data);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + shape + " " + dtype;
    }
}
