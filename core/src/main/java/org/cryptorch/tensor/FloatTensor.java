package org.cryptorch.tensor;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * A tensor of real numbers, stored as doubles whatever the declared {@link #dtype()} (FLOAT32 or FLOAT64), so the
 * float reference is at least as accurate as the model's own arithmetic. Same sharing rules as {@link LongTensor};
 * binary operations broadcast as in numpy.
 */
public final class FloatTensor extends DenseTensor<FloatTensor, double[]> implements Tensor {
    private final double[] data;

    public FloatTensor(Shape shape, double[] data, DType dtype) {
        super(shape, dtype, Objects.requireNonNull(data).length);
        this.data = data;
        if (!dtype.isFloat()) {
            throw new IllegalArgumentException("FloatTensor cannot hold " + dtype);
        }
    }

    public FloatTensor(Shape shape, double[] data) {
        this(shape, data, DType.FLOAT32);
    }

    public static FloatTensor zeros(Shape shape) {
        return new FloatTensor(shape, new double[shape.size()]);
    }

    /** A tensor holding {@code values} (row-major; copied). */
    public static FloatTensor of(Shape shape, double... values) {
        return new FloatTensor(shape, values.clone());
    }

    public static FloatTensor full(Shape shape, double value) {
        double[] d = new double[shape.size()];
        Arrays.fill(d, value);
        return new FloatTensor(shape, d);
    }

    public static FloatTensor scalar(double value) {
        return new FloatTensor(Shape.scalar(), new double[] {value});
    }

    /** Numpy concatenate along {@code axis} (negative counts from the end). */
    public static FloatTensor concat(int axis, List<FloatTensor> parts) {
        return concatParts(axis, parts);
    }

    @Override
    public double[] data() {
        return data;
    }

    @Override
    FloatTensor withData(Shape shape, double[] values) {
        return new FloatTensor(shape, values, dtype());
    }

    @Override
    double[] newArray(int length) {
        return new double[length];
    }

    @Override
    FloatTensor rearranged(IndexMap map) {
        return withData(map.shape(), map.apply(data, 0.0));
    }

    @Override
    MatmulKernel<double[]> matmulKernel() {
        return DoubleMatmul.KERNEL;
    }

    /** Constant padding: before[a] / after[a] elements of {@code value} on each axis a (negative values crop). */
    public FloatTensor pad(int[] before, int[] after, double value) {
        IndexMap map = IndexMap.pad(shape(), before, after);
        return withData(map.shape(), map.apply(data, value));
    }

    public FloatTensor map(DoubleUnaryOperator f) {
        double[] out = new double[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(data[i]);
        }
        return withData(shape(), out);
    }

    /** Element-wise f(this, other) with numpy broadcasting. */
    public FloatTensor zip(FloatTensor other, DoubleBinaryOperator f) {
        Shape out = Shape.broadcast(shape(), other.shape());
        double[] a = broadcastTo(out).data;
        double[] b = other.broadcastTo(out).data;
        double[] result = new double[out.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = f.applyAsDouble(a[i], b[i]);
        }
        return withData(out, result);
    }

    public FloatTensor add(FloatTensor other) {
        return arithmetic(other, Arithmetic.ADD);
    }

    public FloatTensor sub(FloatTensor other) {
        return arithmetic(other, Arithmetic.SUB);
    }

    public FloatTensor mul(FloatTensor other) {
        return arithmetic(other, Arithmetic.MUL);
    }

    public FloatTensor div(FloatTensor other) {
        return arithmetic(other, Arithmetic.DIV);
    }

    private enum Arithmetic { ADD, SUB, MUL, DIV }

    /**
     * The four arithmetic operators as {@link #zip} computes them, with the operator chosen once per tensor rather
     * than called per element: the float reference interpreter (and every calibration pass of the compiler and the
     * tuner) spends most of its time here, and a per-element call through zip's shared lambda site is not inlined.
     */
    private FloatTensor arithmetic(FloatTensor other, Arithmetic op) {
        Shape out = Shape.broadcast(shape(), other.shape());
        double[] a = broadcastTo(out).data;
        double[] b = other.size() == 1 ? other.data : other.broadcastTo(out).data;
        double[] r = new double[out.size()];
        int step = b.length == 1 ? 0 : 1;
        switch (op) {
            case ADD -> {
                for (int i = 0, j = 0; i < r.length; i++, j += step) {
                    r[i] = a[i] + b[j];
                }
            }
            case SUB -> {
                for (int i = 0, j = 0; i < r.length; i++, j += step) {
                    r[i] = a[i] - b[j];
                }
            }
            case MUL -> {
                for (int i = 0, j = 0; i < r.length; i++, j += step) {
                    r[i] = a[i] * b[j];
                }
            }
            case DIV -> {
                for (int i = 0, j = 0; i < r.length; i++, j += step) {
                    r[i] = a[i] / b[j];
                }
            }
        }
        return withData(out, r);
    }

    /** Folds the elements of each reduced group with {@code f}, starting from {@code identity}. */
    private FloatTensor reduce(int[] axes, boolean keepDims, double identity, DoubleBinaryOperator f) {
        Reduction r = new Reduction(shape(), axes, keepDims);
        double[] out = new double[r.outShape().size()];
        Arrays.fill(out, identity);
        for (int i = 0; i < data.length; i++) {
            int t = r.target(i);
            out[t] = f.applyAsDouble(out[t], data[i]);
        }
        return withData(r.outShape(), out);
    }

    /** Sum over {@code axes} (numpy: empty axes reduce nothing; see {@link Shape#allAxes()}). */
    public FloatTensor sum(int[] axes, boolean keepDims) {
        return reduce(axes, keepDims, 0.0, Double::sum);
    }

    /** Mean over {@code axes}; NaN for groups of zero elements, as numpy. */
    public FloatTensor mean(int[] axes, boolean keepDims) {
        double count = new Reduction(shape(), axes, keepDims).groupSize();
        FloatTensor s = sum(axes, keepDims);
        double[] d = s.data;
        for (int i = 0; i < d.length; i++) {
            d[i] /= count;
        }
        return s;
    }

    /** Maximum over {@code axes}; NaN propagates, as numpy; reducing an empty group is an error. */
    public FloatTensor max(int[] axes, boolean keepDims) {
        requireNonEmptyGroups("max", axes, keepDims);
        return reduce(axes, keepDims, Double.NEGATIVE_INFINITY, Math::max);
    }

    /** Minimum over {@code axes}; NaN propagates, as numpy; reducing an empty group is an error. */
    public FloatTensor min(int[] axes, boolean keepDims) {
        requireNonEmptyGroups("min", axes, keepDims);
        return reduce(axes, keepDims, Double.POSITIVE_INFINITY, Math::min);
    }

    private void requireNonEmptyGroups(String op, int[] axes, boolean keepDims) {
        Reduction r = new Reduction(shape(), axes, keepDims);
        if (r.groupSize() == 0 && r.outShape().size() > 0) {
            throw new IllegalArgumentException(op + " over axes " + Arrays.toString(axes) + " of shape " + shape()
                    + " reduces empty groups");
        }
    }

    /** Index of the first maximum along {@code axis} (that axis removed; NaN counts as the maximum, as numpy). */
    public LongTensor argmax(int axis) {
        int a = shape().axis(axis);
        int n = shape().dim(a);
        int inner = shape().strides()[a];
        int[] dims = shape().dims();
        int outer = 1;
        for (int i = 0; i < a; i++) {
            outer *= dims[i];
        }
        if (n == 0 && outer * inner > 0) {
            throw new IllegalArgumentException("argmax along empty axis " + axis + " of shape " + shape());
        }
        int[] outDims = new int[dims.length - 1];
        System.arraycopy(dims, 0, outDims, 0, a);
        System.arraycopy(dims, a + 1, outDims, a, dims.length - a - 1);
        long[] out = new long[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                int base = o * n * inner + in;
                int best = 0;
                double bestValue = data[base];
                for (int j = 1; j < n && !Double.isNaN(bestValue); j++) {
                    double v = data[base + j * inner];
                    if (v > bestValue || Double.isNaN(v)) {
                        best = j;
                        bestValue = v;
                    }
                }
                out[o * inner + in] = best;
            }
        }
        return new LongTensor(Shape.of(outDims), out);
    }
}
