package org.cryptorch.tensor;

import java.util.Arrays;

/**
 * For every element of an output shape, the flat index of the source element it copies, or {@link #FILL} when the
 * element takes a constant (padding). Data-movement operations compute such a map once from shapes alone and apply it
 * to {@code long[]} or {@code double[]} data, so the index arithmetic is written once for both tensor types.
 */
final class IndexMap {
    /** Marks an output element that takes the fill value instead of a source element. */
    static final int FILL = -1;

    private final Shape shape;
    private final int[] source;

    private IndexMap(Shape shape, int[] source) {
        this.shape = shape;
        this.source = source;
    }

    Shape shape() {
        return shape;
    }

    /** Source index of output element {@code i}, or {@link #FILL}. */
    int source(int i) {
        return source[i];
    }

    long[] apply(long[] src, long fill) {
        long[] out = new long[source.length];
        for (int i = 0; i < out.length; i++) {
            int s = source[i];
            out[i] = s == FILL ? fill : src[s];
        }
        return out;
    }

    double[] apply(double[] src, double fill) {
        double[] out = new double[source.length];
        for (int i = 0; i < out.length; i++) {
            int s = source[i];
            out[i] = s == FILL ? fill : src[s];
        }
        return out;
    }

    /**
     * The map whose source index is a sum of one contribution per output axis: {@code tables[a][c]} is what
     * coordinate {@code c} on axis {@code a} adds, or {@link #FILL} if that coordinate selects the fill value.
     * Permute, slice, broadcast, pad, gather and reduction targets are all of this form.
     */
    static IndexMap fromAxisTables(Shape out, int[][] tables) {
        int n = out.size();
        int[] src = new int[n];
        int rank = out.rank();
        if (n == 0 || rank == 0) {
            return new IndexMap(out, src);
        }
        int[] coord = new int[rank];
        int[] inner = tables[rank - 1];
        for (int pos = 0; pos < n; pos += inner.length) {
            int base = 0;
            for (int a = 0; a < rank - 1; a++) {
                int c = tables[a][coord[a]];
                base = (c == FILL || base == FILL) ? FILL : base + c;
            }
            for (int j = 0; j < inner.length; j++) {
                int c = inner[j];
                src[pos + j] = (c == FILL || base == FILL) ? FILL : base + c;
            }
            for (int a = rank - 2; a >= 0; a--) {
                if (++coord[a] < out.dim(a)) {
                    break;
                }
                coord[a] = 0;
            }
        }
        return new IndexMap(out, src);
    }

    /** Table for an axis walked with a start and step: coordinate c reads source position start + c*step. */
    private static int[] stepTable(int length, int start, int step, int stride) {
        int[] t = new int[length];
        for (int c = 0; c < length; c++) {
            t[c] = (start + c * step) * stride;
        }
        return t;
    }

    private static int[][] identityTables(Shape s) {
        int[] strides = s.strides();
        int[][] tables = new int[s.rank()][];
        for (int a = 0; a < s.rank(); a++) {
            tables[a] = stepTable(s.dim(a), 0, 1, strides[a]);
        }
        return tables;
    }

    static IndexMap permute(Shape in, int... perm) {
        if (perm.length != in.rank()) {
            throw new IllegalArgumentException("permutation " + Arrays.toString(perm) + " has wrong length for shape " + in);
        }
        int[] strides = in.strides();
        boolean[] seen = new boolean[perm.length];
        int[] outDims = new int[perm.length];
        int[][] tables = new int[perm.length][];
        for (int i = 0; i < perm.length; i++) {
            int a = in.axis(perm[i]);
            if (seen[a]) {
                throw new IllegalArgumentException("permutation " + Arrays.toString(perm) + " repeats axis " + a);
            }
            seen[a] = true;
            outDims[i] = in.dim(a);
            tables[i] = stepTable(outDims[i], 0, 1, strides[a]);
        }
        return fromAxisTables(Shape.of(outDims), tables);
    }

    /** Numpy slice {@code start:end:step} on one axis, with Python's clamping of out-of-range bounds. */
    static IndexMap slice(Shape in, int axis, int start, int end, int step) {
        int a = in.axis(axis);
        if (step == 0) {
            throw new IllegalArgumentException("slice step must not be zero");
        }
        int n = in.dim(a);
        int lo = step > 0 ? 0 : -1;
        int hi = step > 0 ? n : n - 1;
        long s = clamp(start < 0 ? (long) start + n : start, lo, hi);
        long e = clamp(end < 0 ? (long) end + n : end, lo, hi);
        long span = step > 0 ? e - s : s - e;
        long absStep = Math.abs((long) step);
        int length = (int) Math.max(0, (span + absStep - 1) / absStep);
        int[] dims = in.dims();
        dims[a] = length;
        Shape out = Shape.of(dims);
        int[][] tables = identityTables(in);
        tables[a] = stepTable(length, (int) s, step, in.strides()[a]);
        return fromAxisTables(out, tables);
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** Numpy broadcast_to: axes aligned from the right; size-1 source axes repeat. */
    static IndexMap broadcast(Shape in, Shape target) {
        int offset = target.rank() - in.rank();
        if (offset < 0) {
            throw new IllegalArgumentException("cannot broadcast shape " + in + " to lower rank " + target);
        }
        int[] strides = in.strides();
        int[][] tables = new int[target.rank()][];
        for (int a = 0; a < target.rank(); a++) {
            int d = target.dim(a);
            int srcAxis = a - offset;
            if (srcAxis < 0 || in.dim(srcAxis) == 1) {
                tables[a] = new int[d];
            } else if (in.dim(srcAxis) == d) {
                tables[a] = stepTable(d, 0, 1, strides[srcAxis]);
            } else {
                throw new IllegalArgumentException("cannot broadcast shape " + in + " to " + target);
            }
        }
        return fromAxisTables(target, tables);
    }

    /** Constant padding: {@code before[a]} and {@code after[a]} elements added on axis a (negative values crop). */
    static IndexMap pad(Shape in, int[] before, int[] after) {
        if (before.length != in.rank() || after.length != in.rank()) {
            throw new IllegalArgumentException("pad widths " + Arrays.toString(before) + ", " + Arrays.toString(after)
                    + " need one entry per axis of shape " + in);
        }
        int[] strides = in.strides();
        int[] dims = new int[in.rank()];
        int[][] tables = new int[in.rank()][];
        for (int a = 0; a < in.rank(); a++) {
            int n = in.dim(a);
            dims[a] = n + before[a] + after[a];
            if (dims[a] < 0) {
                throw new IllegalArgumentException("padding " + before[a] + ", " + after[a] + " on axis " + a
                        + " of shape " + in + " leaves a negative size");
            }
            tables[a] = new int[dims[a]];
            for (int c = 0; c < dims[a]; c++) {
                int s = c - before[a];
                tables[a][c] = (s >= 0 && s < n) ? s * strides[a] : FILL;
            }
        }
        return fromAxisTables(Shape.of(dims), tables);
    }

    /** Numpy take along {@code axis}: output shape is in[:axis] + indices.shape + in[axis+1:]. */
    static IndexMap gather(Shape in, int axis, LongTensor indices) {
        int a = in.axis(axis);
        int n = in.dim(a);
        long[] idx = indices.data();
        int[] selected = new int[idx.length];
        int stride = in.strides()[a];
        for (int i = 0; i < idx.length; i++) {
            long v = idx[i] < 0 ? idx[i] + n : idx[i];
            if (v < 0 || v >= n) {
                throw new IllegalArgumentException("gather index " + idx[i] + " out of range for axis " + a
                        + " of size " + n + " in shape " + in);
            }
            selected[i] = (int) v * stride;
        }
        int[] inDims = in.dims();
        int[][] flatTables = identityTables(in);
        flatTables[a] = selected;
        int[] flatDims = inDims.clone();
        flatDims[a] = idx.length;
        int[] outDims = new int[in.rank() - 1 + indices.shape().rank()];
        System.arraycopy(inDims, 0, outDims, 0, a);
        System.arraycopy(indices.shape().dims(), 0, outDims, a, indices.shape().rank());
        System.arraycopy(inDims, a + 1, outDims, a + indices.shape().rank(), in.rank() - a - 1);
        IndexMap flat = fromAxisTables(Shape.of(flatDims), flatTables);
        return new IndexMap(Shape.of(outDims), flat.source);
    }

    /**
     * Reduction targets: for each element of {@code in}, the flat index of the output element it folds into when
     * the given axes are reduced. The map's shape is {@code in}; {@link Reduction} holds the output shape.
     */
    static IndexMap reductionTargets(Shape in, boolean[] reduced, Shape keptDimsShape) {
        int[] outStrides = keptDimsShape.strides();
        int[][] tables = new int[in.rank()][];
        for (int a = 0; a < in.rank(); a++) {
            tables[a] = reduced[a] ? new int[in.dim(a)] : stepTable(in.dim(a), 0, 1, outStrides[a]);
        }
        return fromAxisTables(in, tables);
    }

    /**
     * im2col for NCHW input x: shape [N, C*kh*kw, oh*ow]; row (c, ky, kx), column (oy, ox) reads
     * x[n, c, oy*sh + ky*dh - padTop, ox*sw + kx*dw - padLeft], or fills where that lies in the padding.
     */
    static IndexMap im2col(Shape x, int kh, int kw, int oh, int ow, int[] strides, int[] pads, int[] dilations) {
        int batch = x.dim(0);
        int channels = x.dim(1);
        int h = x.dim(2);
        int w = x.dim(3);
        int[] src = new int[batch * channels * kh * kw * oh * ow];
        int pos = 0;
        for (int img = 0; img < batch; img++) {
            for (int c = 0; c < channels; c++) {
                int plane = (img * channels + c) * h * w;
                for (int ky = 0; ky < kh; ky++) {
                    for (int kx = 0; kx < kw; kx++) {
                        for (int oy = 0; oy < oh; oy++) {
                            int iy = oy * strides[0] + ky * dilations[0] - pads[0];
                            for (int ox = 0; ox < ow; ox++) {
                                int ix = ox * strides[1] + kx * dilations[1] - pads[1];
                                boolean inside = iy >= 0 && iy < h && ix >= 0 && ix < w;
                                src[pos++] = inside ? plane + iy * w + ix : FILL;
                            }
                        }
                    }
                }
            }
        }
        return new IndexMap(Shape.of(batch, channels * kh * kw, oh * ow), src);
    }
}
