package org.cryptorch.ir;

import java.util.Arrays;
import java.util.Map;

/**
 * The sliding-window geometry of a Conv or pooling node over its spatial axes, resolved from the ONNX attributes
 * (kernel_shape, strides, dilations, pads, auto_pad, ceil_mode). Shape inference and the kernels share it so that
 * both agree on output sizes and paddings.
 *
 * @param pads begin pads of every spatial axis followed by end pads, as in ONNX
 */
public record SpatialWindow(int[] inputDims, int[] kernel, int[] strides, int[] dilations, int[] pads,
                            int[] outputDims) {

    /**
     * Resolves the window of {@code node} for an input of spatial size {@code inputDims}; {@code kernelFromWeight}
     * gives the kernel size when the node has no kernel_shape attribute (Conv), else null.
     */
    public static SpatialWindow of(Node node, int[] inputDims, int[] kernelFromWeight) {
        return of(node.toString(), node.attributes(), inputDims, kernelFromWeight);
    }

    /** As {@link #of(Node, int[], int[])} from the attributes alone; {@code node} names them in errors. */
    public static SpatialWindow of(String node, Map<String, Attribute> attributes, int[] inputDims,
                                   int[] kernelFromWeight) {
        int r = inputDims.length;
        int[] kernel = kernelFromWeight != null && !attributes.containsKey("kernel_shape")
            ? kernelFromWeight : ints(node, attributes, "kernel_shape", null, r);
        if (kernel == null) {
            throw new IllegalArgumentException(node + ": missing attribute kernel_shape");
        }
        int[] strides = ints(node, attributes, "strides", 1, r);
        int[] dilations = ints(node, attributes, "dilations", 1, r);
        int[] pads = ints(node, attributes, "pads", 0, 2 * r);
        Attribute ceilMode = attributes.get("ceil_mode");
        boolean ceil = ceilMode != null && ceilMode.asInt() != 0;
        String autoPad = attributes.containsKey("auto_pad") ? attributes.get("auto_pad").asString() : "NOTSET";
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int span = dilations[i] * (kernel[i] - 1) + 1;
            switch (autoPad) {
                case "NOTSET" -> {
                    int padded = inputDims[i] + pads[i] + pads[i + r] - span;
                    out[i] = (ceil ? Math.ceilDiv(padded, strides[i]) : Math.floorDiv(padded, strides[i])) + 1;
                    // ceil mode must not start a window entirely inside the end padding
                    if (ceil && (out[i] - 1) * strides[i] >= inputDims[i] + pads[i]) {
                        out[i]--;
                    }
                }
                case "VALID" -> {
                    out[i] = Math.floorDiv(inputDims[i] - span, strides[i]) + 1;
                    pads[i] = 0;
                    pads[i + r] = 0;
                }
                case "SAME_UPPER", "SAME_LOWER" -> {
                    out[i] = Math.ceilDiv(inputDims[i], strides[i]);
                    int total = Math.max(0, (out[i] - 1) * strides[i] + span - inputDims[i]);
                    int small = total / 2;
                    int large = total - small;
                    pads[i] = autoPad.equals("SAME_UPPER") ? small : large;
                    pads[i + r] = total - pads[i];
                }
                default -> throw new IllegalArgumentException(node + ": unknown auto_pad '" + autoPad + "'");
            }
            if (out[i] <= 0) {
                throw new IllegalArgumentException(node + ": window " + Arrays.toString(kernel)
                    + " does not fit input " + Arrays.toString(inputDims) + " with pads " + Arrays.toString(pads));
            }
        }
        return new SpatialWindow(inputDims.clone(), kernel, strides, dilations, pads, out);
    }

    private static int[] ints(String node, Map<String, Attribute> attributes, String key, Integer dflt, int n) {
        long[] v = attributes.containsKey(key) ? attributes.get(key).asInts() : null;
        if (v == null) {
            if (dflt == null) {
                return null;
            }
            int[] r = new int[n];
            Arrays.fill(r, dflt);
            return r;
        }
        if (v.length != n) {
            throw new IllegalArgumentException(node + ": attribute " + key + " has " + v.length
                + " entries, expected " + n);
        }
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = Math.toIntExact(v[i]);
        }
        return r;
    }
}
