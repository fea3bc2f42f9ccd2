package org.cryptorch.tensor;

import java.util.Arrays;

/** An immutable tensor shape (row-major). A rank-0 shape has one element. */
public final class Shape {
    private final int[] dims;

    private Shape(int[] dims) {
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(dims));
            }
        }
        this.dims = dims;
    }

    public static Shape of(int... dims) {
        return new Shape(dims.clone());
    }

    public static Shape scalar() {
        return new Shape(new int[0]);
    }

    public int rank() {
        return dims.length;
    }

    /** Dimension {@code i}; negative {@code i} counts from the end, as in numpy. */
    public int dim(int i) {
        return dims[axis(i)];
    }

    public int[] dims() {
        return dims.clone();
    }

    /** Number of elements; throws if it does not fit an int (our tensors are backed by Java arrays). */
    public int size() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tensor of shape " + this + " has more than 2^31-1 elements");
        }
        return (int) n;
    }

    /** Normalises a possibly negative axis into [0, rank). */
    public int axis(int i) {
        int a = i < 0 ? i + dims.length : i;
        if (a < 0 || a >= dims.length) {
            throw new IllegalArgumentException("axis " + i + " out of range for shape " + this);
        }
        return a;
    }

    /** The axes 0..rank-1, for reducing over all of them. */
    public int[] allAxes() {
        int[] axes = new int[dims.length];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i;
        }
        return axes;
    }

    /** Row-major strides in elements. */
    public int[] strides() {
        int[] s = new int[dims.length];
        int acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= dims[i];
        }
        return s;
    }

    /** Numpy broadcasting of two shapes. */
    public static Shape broadcast(Shape a, Shape b) {
        int r = Math.max(a.rank(), b.rank());
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.rank() ? 1 : a.dims[i - (r - a.rank())];
            int db = i < r - b.rank() ? 1 : b.dims[i - (r - b.rank())];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes " + a + " and " + b + " do not broadcast");
            }
            out[i] = da == 1 ? db : da;
        }
        return new Shape(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
