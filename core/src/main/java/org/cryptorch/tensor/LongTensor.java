package org.cryptorch.tensor;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * A tensor of 64-bit integers. As a ring tensor its arithmetic wraps modulo 2^64 (Java long arithmetic);
 * as an ONNX integer or boolean tensor {@link #dtype()} says which. The backing array is shared, not copied:
 * operations return new tensors and never modify their operands unless their name ends in {@code InPlace}.
 * Binary operations broadcast as in numpy.
 */
public final class LongTensor extends DenseTensor<LongTensor, long[]> implements Tensor {
    private final long[] data;

    public LongTensor(Shape shape, long[] data, DType dtype) {
        super(shape, dtype, Objects.requireNonNull(data).length);
        this.data = data;
        if (dtype.isFloat()) {
            throw new IllegalArgumentException("LongTensor cannot hold " + dtype);
        }
    }

    public LongTensor(Shape shape, long[] data) {
        this(shape, data, DType.INT64);
    }

    public static LongTensor zeros(Shape shape) {
        return new LongTensor(shape, new long[shape.size()]);
    }

    /** A tensor holding {@code values} (row-major; copied). */
    public static LongTensor of(Shape shape, long... values) {
        return new LongTensor(shape, values.clone());
    }

    public static LongTensor full(Shape shape, long value) {
        long[] d = new long[shape.size()];
        Arrays.fill(d, value);
        return new LongTensor(shape, d);
    }

    public static LongTensor scalar(long value) {
        return new LongTensor(Shape.scalar(), new long[] {value});
    }

    /** Numpy concatenate along {@code axis} (negative counts from the end). */
    public static LongTensor concat(int axis, List<LongTensor> parts) {
        return concatParts(axis, parts);
    }

    @Override
    public long[] data() {
        return data;
    }

    @Override
    LongTensor withData(Shape shape, long[] values) {
        return new LongTensor(shape, values, dtype());
    }

    @Override
    long[] newArray(int length) {
        return new long[length];
    }

    @Override
    LongTensor rearranged(IndexMap map) {
        return withData(map.shape(), map.apply(data, 0L));
    }

    @Override
    MatmulKernel<long[]> matmulKernel() {
        return LongMatmul.KERNEL;
    }

    /** Constant padding: before[a] / after[a] elements of {@code value} on each axis a (negative values crop). */
    public LongTensor pad(int[] before, int[] after, long value) {
        IndexMap map = IndexMap.pad(shape(), before, after);
        return withData(map.shape(), map.apply(data, value));
    }

    /** A functional interface for whole-array kernels: out[i] = f(a[i], b[i]). */
    private interface ArrayKernel {
        void apply(long[] a, long[] b, long[] out);
    }

    private LongTensor binary(LongTensor other, ArrayKernel kernel) {
        Shape out = Shape.broadcast(shape(), other.shape());
        long[] result = new long[out.size()];
        kernel.apply(broadcastTo(out).data, other.broadcastTo(out).data, result);
        return withData(out, result);
    }

    private LongTensor binaryInPlace(LongTensor other, ArrayKernel kernel) {
        kernel.apply(data, other.broadcastTo(shape()).data, data);
        return this;
    }

    public LongTensor add(LongTensor other) {
        return binary(other, LongKernels::add);
    }

    public LongTensor sub(LongTensor other) {
        return binary(other, LongKernels::sub);
    }

    /** Element-wise product (wrapping). */
    public LongTensor mul(LongTensor other) {
        return binary(other, LongKernels::mul);
    }

    /** this += other (other broadcast to this shape); returns this. */
    public LongTensor addInPlace(LongTensor other) {
        return binaryInPlace(other, LongKernels::add);
    }

    /** this -= other (other broadcast to this shape); returns this. */
    public LongTensor subInPlace(LongTensor other) {
        return binaryInPlace(other, LongKernels::sub);
    }

    /** this *= other element-wise (other broadcast to this shape); returns this. */
    public LongTensor mulInPlace(LongTensor other) {
        return binaryInPlace(other, LongKernels::mul);
    }

    /** Element-wise f(this, other) with broadcasting, for operations without a dedicated kernel (xor, and, ...). */
    public LongTensor zip(LongTensor other, LongBinaryOperator f) {
        return binary(other, (a, b, out) -> {
            for (int i = 0; i < out.length; i++) {
                out[i] = f.applyAsLong(a[i], b[i]);
            }
        });
    }

    public LongTensor map(LongUnaryOperator f) {
        long[] out = new long[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsLong(data[i]);
        }
        return withData(shape(), out);
    }

    public LongTensor neg() {
        return mulScalar(-1);
    }

    public LongTensor addScalar(long c) {
        long[] out = new long[data.length];
        LongKernels.addScalar(data, c, out);
        return withData(shape(), out);
    }

    public LongTensor mulScalar(long c) {
        long[] out = new long[data.length];
        LongKernels.mulScalar(data, c, out);
        return withData(shape(), out);
    }

    /** Arithmetic (sign-extending) right shift of every element by {@code bits} in [0, 63]. */
    public LongTensor shiftRight(int bits) {
        if (bits < 0 || bits > 63) {
            throw new IllegalArgumentException("shift of " + bits + " bits is outside [0, 63]");
        }
        long[] out = new long[data.length];
        LongKernels.shiftRight(data, bits, out);
        return withData(shape(), out);
    }

    /** Sum (wrapping) over {@code axes} (numpy: empty axes reduce nothing; see {@link Shape#allAxes()}). */
    public LongTensor sum(int[] axes, boolean keepDims) {
        Reduction r = new Reduction(shape(), axes, keepDims);
        long[] out = new long[r.outShape().size()];
        for (int i = 0; i < data.length; i++) {
            out[r.target(i)] += data[i];
        }
        return withData(r.outShape(), out);
    }
}
