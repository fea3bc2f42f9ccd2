package org.cryptorch.approx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Value;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;

/**
 * MaxPool (output Y only) as the tree maximum of the strided slices, one per kernel offset. Padding replicates the
 * edge (Pad mode edge), which leaves every window's maximum unchanged when the dilation is 1, and keeps values in
 * the comparisons' range (no huge negative pad constant). Unsupported: ceil_mode 1, auto_pad SAME_*, dilation with
 * padding.
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
        long[] kernel = ints(attributes, "kernel_shape", null, spatial);
        long[] strides = ints(attributes, "strides", 1, spatial);
        long[] dilations = ints(attributes, "dilations", 1, spatial);
        long[] pads = ints(attributes, "pads", 0, 2 * spatial);
        checkSupported(attributes, dilations, pads);
        Value padded = pad(e, x, pads, spatial);
        int[] extent = new int[spatial];
        int[] out = new int[spatial];
        for (int i = 0; i < spatial; i++) {
            extent[i] = (int) (dims[i + 2] + pads[i] + pads[i + spatial]);
            out[i] = (int) ((extent[i] - ((kernel[i] - 1) * dilations[i] + 1)) / strides[i] + 1);
        }
        List<Value> slices = new ArrayList<>();
        int[] offset = new int[spatial];
        do {
            Value s = padded;
            for (int i = 0; i < spatial; i++) {
                long start = offset[i] * dilations[i];
                s = e.slice(s, i + 2, start, start + strides[i] * (out[i] - 1) + 1, strides[i]);
            }
            slices.add(s);
        } while (next(offset, kernel));
        return List.of(TreeMax.ofAll(e, slices, ComparisonBits.of(knobs)));
    }

    /** Advances the kernel offset odometer; false after the last one. */
    private static boolean next(int[] offset, long[] kernel) {
        for (int i = offset.length - 1; i >= 0; i--) {
            if (++offset[i] < kernel[i]) {
                return true;
            }
            offset[i] = 0;
        }
        return false;
    }

    private static Value pad(Emitter e, Value x, long[] pads, int spatial) {
        if (Arrays.stream(pads).allMatch(p -> p == 0)) {
            return x;
        }
        long[] all = new long[2 * (spatial + 2)];
        for (int i = 0; i < spatial; i++) {
            all[i + 2] = pads[i];
            all[spatial + 4 + i] = pads[spatial + i];
        }
        Value padsValue = e.graph().constant(LongTensor.of(Shape.of(all.length), all));
        return e.graph().op("Pad", Map.of("mode", Attribute.of("mode", "edge")), x, padsValue);
    }

    private static void checkSupported(Map<String, Attribute> attributes, long[] dilations, long[] pads) {
        Attribute ceil = attributes.get("ceil_mode");
        if (ceil != null && ceil.asInt() != 0) {
            throw new IllegalArgumentException("maxpool.tree does not support ceil_mode 1");
        }
        Attribute autoPad = attributes.get("auto_pad");
        if (autoPad != null && !autoPad.asString().equals("NOTSET") && !autoPad.asString().equals("VALID")) {
            throw new IllegalArgumentException("maxpool.tree does not support auto_pad " + autoPad.asString());
        }
        boolean padded = Arrays.stream(pads).anyMatch(p -> p != 0);
        if (padded && Arrays.stream(dilations).anyMatch(d -> d != 1)) {
            throw new IllegalArgumentException("maxpool.tree does not support padding with dilation > 1");
        }
    }

    private static long[] ints(Map<String, Attribute> attributes, String key, Integer dflt, int length) {
        Attribute a = attributes.get(key);
        if (a == null) {
            if (dflt == null) {
                throw new IllegalArgumentException("MaxPool needs attribute " + key);
            }
            long[] v = new long[length];
            Arrays.fill(v, dflt);
            return v;
        }
        long[] v = a.asInts();
        if (v.length != length) {
            throw new IllegalArgumentException("MaxPool " + key + " has " + v.length + " values, expected " + length);
        }
        return v;
    }
}
