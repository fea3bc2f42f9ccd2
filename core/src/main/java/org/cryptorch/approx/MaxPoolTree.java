package org.cryptorch.approx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.SpatialWindow;
import org.cryptorch.ir.Value;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;

/**
 * MaxPool (output Y only) as the tree maximum of the strided slices, one per kernel offset. Padding (explicit,
 * auto_pad SAME_* or what ceil_mode 1 adds at the end) replicates the edge (Pad mode edge): every window holds at
 * least one element of the input, and with dilation 1 the replicated value is one of the window's own elements, so
 * the maximum is unchanged; values also stay in the comparisons' range (no huge negative pad constant).
 * Unsupported: dilation with padding.
 */
final class MaxPoolTree extends DifferenceComparison {
    MaxPoolTree() {
        super("maxpool.tree", "MaxPool", "tree maximum over the kernel's strided slices (comparison + select)");
    }

    @Override
    public List<Value> build(Emitter e, List<Value> inputs, Map<String, Attribute> attributes, KnobValues knobs) {
        Value x = inputs.get(0);
        int[] dims = e.dims(x);
        int spatial = dims.length - 2;
        SpatialWindow w = SpatialWindow.of("MaxPool", attributes, Arrays.copyOfRange(dims, 2, dims.length), null);
        // the end padding the last window reaches (ceil_mode adds some, a floor may leave some of the given unused)
        long[] pads = new long[2 * spatial];
        for (int i = 0; i < spatial; i++) {
            pads[i] = w.pads()[i];
            long reach = (long) (w.outputDims()[i] - 1) * w.strides()[i] + (long) (w.kernel()[i] - 1)
                * w.dilations()[i] + 1;
            pads[i + spatial] = Math.max(0, reach - dims[i + 2] - pads[i]);
        }
        boolean padded = Arrays.stream(pads).anyMatch(p -> p != 0);
        if (padded && Arrays.stream(w.dilations()).anyMatch(d -> d != 1)) {
            throw new IllegalArgumentException("maxpool.tree does not support padding with dilation > 1");
        }
        Value paddedX = padded ? pad(e, x, pads, spatial) : x;
        List<Value> slices = new ArrayList<>();
        int[] offset = new int[spatial];
        do {
            Value s = paddedX;
            for (int i = 0; i < spatial; i++) {
                long start = (long) offset[i] * w.dilations()[i];
                s = e.slice(s, i + 2, start, start + (long) w.strides()[i] * (w.outputDims()[i] - 1) + 1,
                    w.strides()[i]);
            }
            slices.add(s);
        } while (next(offset, w.kernel()));
        return List.of(TreeMax.ofAll(e, slices, ComparisonBits.of(knobs)));
    }

    /** Advances the kernel offset odometer; false after the last one. */
    private static boolean next(int[] offset, int[] kernel) {
        for (int i = offset.length - 1; i >= 0; i--) {
            if (++offset[i] < kernel[i]) {
                return true;
            }
            offset[i] = 0;
        }
        return false;
    }

    private static Value pad(Emitter e, Value x, long[] pads, int spatial) {
        long[] all = new long[2 * (spatial + 2)];
        for (int i = 0; i < spatial; i++) {
            all[i + 2] = pads[i];
            all[spatial + 4 + i] = pads[spatial + i];
        }
        Value padsValue = e.graph().constant(LongTensor.of(Shape.of(all.length), all));
        return e.graph().op("Pad", Map.of("mode", Attribute.of("mode", "edge")), x, padsValue);
    }
}
