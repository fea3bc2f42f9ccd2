package org.cryptorch.reference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * Data movement: Reshape, Flatten, Transpose, Squeeze, Unsqueeze, Concat, Split, Slice, Gather, Expand, Tile, Pad.
 * Where an opset moved an attribute to an input, both forms are accepted.
 */
final class MovementOps {
    private MovementOps() {
    }

    static void register() {
        Ops.single("Reshape", MovementOps::reshape);
        Ops.single("Flatten", c -> {
            Shape s = c.in(0).shape();
            long a = c.attr("axis", 1L);
            int axis = a == s.rank() ? s.rank() : c.axis(a, s.rank());
            int outer = Shape.of(Arrays.copyOf(s.dims(), axis)).size();
            return Tensors.reshape(c.in(0), Shape.of(outer, s.size() / Math.max(outer, 1)));
        });
        Ops.single("Transpose", c -> {
            int rank = c.in(0).shape().rank();
            long[] perm = c.ints("perm");
            int[] p = new int[rank];
            for (int i = 0; i < rank; i++) {
                p[i] = perm == null ? rank - 1 - i : c.axis(perm[i], rank);
            }
            return Tensors.permute(c.in(0), p);
        });
        Ops.single("Squeeze", MovementOps::squeeze);
        Ops.single("Unsqueeze", MovementOps::unsqueeze);
        Ops.single("Concat", MovementOps::concat);
        Ops.register("Split", MovementOps::split);
        Ops.single("Slice", MovementOps::slice);
        Ops.single("Gather", MovementOps::gather);
        Ops.single("Expand", c -> {
            Shape target = Shape.broadcast(c.in(0).shape(), Shape.of(toInts(c, c.longs(1))));
            return Tensors.broadcastTo(c.in(0), target);
        });
        Ops.single("Tile", c -> {
            Tensor x = c.in(0);
            long[] repeats = c.longs(1);
            for (int a = 0; a < x.shape().rank(); a++) {
                int dim = x.shape().dim(a);
                int[] positions = new int[dim * (int) repeats[a]];
                for (int o = 0; o < positions.length; o++) {
                    positions[o] = o % dim;
                }
                x = Tensors.gather(x, a, positions);
            }
            return x;
        });
        Ops.single("Pad", MovementOps::pad);
    }

    private static int[] toInts(Call c, long[] v) {
        int[] r = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] < 0 || v[i] > Integer.MAX_VALUE) {
                throw c.error("invalid dimension " + v[i]);
            }
            r[i] = (int) v[i];
        }
        return r;
    }

    /** 0 copies the input dimension (unless allowzero), -1 takes what is left. */
    private static Tensor reshape(Call c) {
        Shape in = c.in(0).shape();
        long[] target = c.longs(1);
        boolean allowZero = c.attr("allowzero", 0L) != 0;
        int[] dims = new int[target.length];
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < target.length; i++) {
            long t = target[i];
            if (t == -1) {
                if (inferred >= 0) {
                    throw c.error("more than one -1 in shape " + Arrays.toString(target));
                }
                inferred = i;
                continue;
            }
            if (t == 0 && !allowZero) {
                if (i >= in.rank()) {
                    throw c.error("0 at position " + i + " of shape " + Arrays.toString(target)
                        + " but input " + in + " has no such axis");
                }
                t = in.dim(i);
            }
            if (t < 0) {
                throw c.error("invalid dimension " + t + " in shape " + Arrays.toString(target));
            }
            dims[i] = (int) t;
            known *= t;
        }
        if (inferred >= 0) {
            if (known == 0 || in.size() % known != 0) {
                throw c.error("cannot reshape " + in + " to " + Arrays.toString(target));
            }
            dims[inferred] = (int) (in.size() / known);
        }
        Shape out = Shape.of(dims);
        if (out.size() != in.size()) {
            throw c.error("cannot reshape " + in + " to " + Arrays.toString(target));
        }
        return Tensors.reshape(c.in(0), out);
    }

    private static Tensor squeeze(Call c) {
        Shape s = c.in(0).shape();
        long[] axes = c.axes(1);
        boolean[] drop = new boolean[s.rank()];
        for (int i = 0; i < s.rank(); i++) {
            drop[i] = axes == null && s.dim(i) == 1;
        }
        if (axes != null) {
            for (long a : axes) {
                int ax = c.axis(a, s.rank());
                if (s.dim(ax) != 1) {
                    throw c.error("cannot squeeze axis " + a + " of size " + s.dim(ax) + " in " + s);
                }
                drop[ax] = true;
            }
        }
        return Tensors.reshape(c.in(0), ReduceOps.dropAxes(s, drop));
    }

    private static Tensor unsqueeze(Call c) {
        Shape s = c.in(0).shape();
        long[] axes = c.axes(1);
        if (axes == null) {
            throw c.error("missing axes");
        }
        int rank = s.rank() + axes.length;
        boolean[] inserted = new boolean[rank];
        for (long a : axes) {
            int ax = c.axis(a, rank);
            if (inserted[ax]) {
                throw c.error("axis " + a + " given twice");
            }
            inserted[ax] = true;
        }
        int[] dims = new int[rank];
        int next = 0;
        for (int i = 0; i < rank; i++) {
            dims[i] = inserted[i] ? 1 : s.dim(next++);
        }
        return Tensors.reshape(c.in(0), Shape.of(dims));
    }

    private static Tensor concat(Call c) {
        List<Tensor> parts = new ArrayList<>();
        for (int i = 0; i < c.inputs().size(); i++) {
            parts.add(c.in(i));
        }
        return Tensors.concat(c.axis(c.attr("axis", 0L), c.in(0).shape().rank()), parts);
    }

    private static List<Tensor> split(Call c) {
        Tensor x = c.in(0);
        int rank = x.shape().rank();
        int axis = c.axis(c.attr("axis", 0L), rank);
        int dim = x.shape().dim(axis);
        long[] sizes = c.ints("split");
        if (sizes == null && c.has(1)) {
            sizes = c.longs(1);
        }
        int n = c.node().outputs().size();
        if (sizes == null) {
            // equal parts; since opset 18 the last part may be smaller
            int part = Math.ceilDiv(dim, n);
            sizes = new long[n];
            for (int i = 0; i < n; i++) {
                sizes[i] = Math.max(0, Math.min(part, dim - (long) part * i));
            }
        }
        if (Arrays.stream(sizes).sum() != dim) {
            throw c.error("split sizes " + Arrays.toString(sizes) + " do not add up to " + dim);
        }
        List<Tensor> out = new ArrayList<>();
        int start = 0;
        for (long size : sizes) {
            out.add(Tensors.slice(x, axis, start, start + (int) size));
            start += (int) size;
        }
        return out;
    }

    /** Opset 1-9 take starts/ends/axes as attributes, later opsets as inputs (with steps). */
    private static Tensor slice(Call c) {
        Tensor x = c.in(0);
        int rank = x.shape().rank();
        long[] starts;
        long[] ends;
        long[] axes;
        long[] steps = null;
        if (c.node().has("starts")) {
            starts = c.ints("starts");
            ends = c.ints("ends");
            axes = c.ints("axes");
        } else {
            starts = c.longs(1);
            ends = c.longs(2);
            axes = c.has(3) ? c.longs(3) : null;
            steps = c.has(4) ? c.longs(4) : null;
        }
        for (int i = 0; i < starts.length; i++) {
            int axis = c.axis(axes == null ? i : axes[i], rank);
            long step = steps == null ? 1 : steps[i];
            if (step == 0) {
                throw c.error("step 0 on axis " + axis);
            }
            x = Tensors.gather(x, axis, sliceMap(x.shape().dim(axis), starts[i], ends[i], step));
        }
        return x;
    }

    /** The indices start, start+step, ... before end, after clamping as ONNX Slice does. */
    private static int[] sliceMap(int dim, long start, long end, long step) {
        long s = start < 0 ? start + dim : start;
        long e = end < 0 ? end + dim : end;
        if (step > 0) {
            s = Math.clamp(s, 0, dim);
            e = Math.clamp(e, 0, dim);
        } else {
            s = Math.clamp(s, 0, dim - 1);
            e = Math.clamp(e, -1, dim - 1);
        }
        long count = Math.max(0, step > 0 ? Math.ceilDiv(e - s, step) : Math.ceilDiv(s - e, -step));
        int[] map = new int[(int) count];
        for (int i = 0; i < count; i++) {
            map[i] = (int) (s + i * step);
        }
        return map;
    }

    private static Tensor gather(Call c) {
        Tensor data = c.in(0);
        return Tensors.gather(data, c.axis(c.attr("axis", 0L), data.shape().rank()), c.l(1));
    }

    /** Constant, edge and reflect padding; negative pads crop. Opset < 11 takes pads and value as attributes. */
    private static Tensor pad(Call c) {
        Tensor x = c.in(0);
        int rank = x.shape().rank();
        long[] pads = c.node().has("pads") ? c.ints("pads") : c.longs(1);
        double value = c.node().has("value") ? c.attr("value", 0.0) : c.has(2) ? c.scalar(2) : 0;
        long[] axes = c.has(3) ? c.longs(3) : null;
        int n = axes == null ? rank : axes.length;
        if (pads.length != 2 * n) {
            throw c.error("pads has " + pads.length + " entries, expected " + 2 * n);
        }
        int[] before = new int[rank];
        int[] after = new int[rank];
        for (int i = 0; i < n; i++) {
            int axis = axes == null ? i : c.axis(axes[i], rank);
            before[axis] = Math.toIntExact(pads[i]);
            after[axis] = Math.toIntExact(pads[i + n]);
        }
        String mode = c.attr("mode", "constant");
        if (mode.equals("constant")) {
            return Tensors.pad(x, before, after, value);
        }
        if (!mode.equals("edge") && !mode.equals("reflect")) {
            throw c.error("unknown mode '" + mode + "'");
        }
        for (int axis = 0; axis < rank; axis++) {
            x = Tensors.gather(x, axis, padPositions(mode, x.shape().dim(axis), before[axis], after[axis]));
        }
        return x;
    }

    /** The source position of every output position along one axis under edge or reflect padding. */
    private static int[] padPositions(String mode, int dim, int before, int after) {
        int[] positions = new int[Math.max(0, dim + before + after)];
        for (int o = 0; o < positions.length; o++) {
            int i = o - before;
            positions[o] = mode.equals("edge") ? Math.clamp(i, 0, dim - 1) : reflect(i, dim);
        }
        return positions;
    }

    private static int reflect(int i, int dim) {
        if (dim == 1) {
            return 0;
        }
        int period = 2 * (dim - 1);
        int m = Math.floorMod(i, period);
        return m < dim ? m : period - m;
    }
}
