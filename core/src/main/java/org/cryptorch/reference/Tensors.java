package org.cryptorch.reference;

import java.util.ArrayList;
import java.util.List;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * The tensor package's data movement for a {@link Tensor} of either kind (ONNX ops move integer and float tensors
 * alike), plus conversions between the kinds.
 */
final class Tensors {
    private Tensors() {
    }

    static Tensor reshape(Tensor t, Shape shape) {
        return switch (t) {
            case FloatTensor f -> f.reshape(shape);
            case LongTensor l -> l.reshape(shape);
        };
    }

    static Tensor permute(Tensor t, int[] perm) {
        return switch (t) {
            case FloatTensor f -> f.permute(perm);
            case LongTensor l -> l.permute(perm);
        };
    }

    static Tensor broadcastTo(Tensor t, Shape shape) {
        return switch (t) {
            case FloatTensor f -> f.broadcastTo(shape);
            case LongTensor l -> l.broadcastTo(shape);
        };
    }

    static Tensor gather(Tensor t, int axis, LongTensor indices) {
        return switch (t) {
            case FloatTensor f -> f.gather(axis, indices);
            case LongTensor l -> l.gather(axis, indices);
        };
    }

    /** Gathers the listed positions along {@code axis} (slices with ONNX clamping, tiling, reflect padding). */
    static Tensor gather(Tensor t, int axis, int[] positions) {
        long[] idx = new long[positions.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = positions[i];
        }
        return gather(t, axis, new LongTensor(Shape.of(idx.length), idx));
    }

    static Tensor slice(Tensor t, int axis, int start, int end) {
        return switch (t) {
            case FloatTensor f -> f.slice(axis, start, end, 1);
            case LongTensor l -> l.slice(axis, start, end, 1);
        };
    }

    static Tensor pad(Tensor t, int[] before, int[] after, double value) {
        return switch (t) {
            case FloatTensor f -> f.pad(before, after, value);
            case LongTensor l -> l.pad(before, after, (long) value);
        };
    }

    static Tensor concat(int axis, List<Tensor> parts) {
        if (parts.get(0) instanceof FloatTensor) {
            List<FloatTensor> fs = new ArrayList<>();
            parts.forEach(p -> fs.add(ElementwiseOps.toFloat(p)));
            return FloatTensor.concat(axis, fs);
        }
        List<LongTensor> ls = new ArrayList<>();
        for (Tensor p : parts) {
            if (!(p instanceof LongTensor l)) {
                throw new IllegalArgumentException("cannot concat integer and float tensors");
            }
            ls.add(l);
        }
        return LongTensor.concat(axis, ls);
    }

    /** The same integer data under another dtype (comparison results become BOOL). */
    static LongTensor retype(LongTensor t, DType dtype) {
        return t.dtype() == dtype ? t : new LongTensor(t.shape(), t.data(), dtype);
    }

    /** Indices of the marked axes. */
    static int[] axes(boolean[] mask) {
        int n = 0;
        int[] r = new int[mask.length];
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                r[n++] = i;
            }
        }
        return java.util.Arrays.copyOf(r, n);
    }
}
