package org.cryptorch.ir;

import java.util.Arrays;

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
        int r = inputDims.length;
        int[] kernel = kernelFromWeight != null && !node.has("kernel_shape")
            ? kernelFromWeight : ints(node, "kernel_shape", null, r);
        if (kernel == null) {
            throw new IllegalArgumentException(node + ": missing attribute kernel_shape");
        }
        int[] strides = ints(node, "strides", 1, r);
        int[] dilations = ints(node, "dilations", 1, r);
        int[] pads = ints(node, "pads", 0, 2 * r);
        boolean ceil = node.intAttr("ceil_mode", 0) != 0;
        String autoPad = node.stringAttr("auto_pad", "NOTSET");
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

    private static int[] ints(Node node, String key, Integer dflt, int n) {
        long[] v = node.intsAttr(key, null);
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
