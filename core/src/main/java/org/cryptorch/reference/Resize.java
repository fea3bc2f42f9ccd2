package org.cryptorch.reference;

import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * ONNX Resize (opsets 10-17) and Upsample: nearest, linear and cubic interpolation, separable over the axes. Each
 * resized axis becomes a weighted sum of a few gathers of the input along that axis; neighbours beyond the edge
 * repeat the edge element, as in the ONNX reference implementation.
 */
final class Resize {
    private Resize() {
    }

    /** One output position along an axis: input neighbours and their weights, or none when extrapolated. */
    private record Taps(int[] index, double[] weight) {
    }

    static void register() {
        Ops.single("Resize", Resize::resize);
        Ops.single("Upsample", Resize::resize);
    }

    private static Tensor resize(Call c) {
        FloatTensor x = c.f(0);
        if (c.attr("antialias", 0L) != 0 || c.node().has("axes")
            || !c.attr("keep_aspect_ratio_policy", "stretch").equals("stretch")) {
            throw c.error("the opset 18 attributes antialias, axes and keep_aspect_ratio_policy are not supported");
        }
        boolean legacy = c.opset() < 11 || c.node().opType().equals("Upsample");
        int rank = x.shape().rank();
        double[] scales = new double[rank];
        int[] out = new int[rank];
        resolveSizes(c, legacy, x.shape(), scales, out);
        String coordinateMode = legacy ? "asymmetric" : c.attr("coordinate_transformation_mode", "half_pixel");
        double[] roi = !legacy && c.has(1) && c.in(1).shape().size() > 0 ? ElementwiseOps.toFloat(c.in(1)).data()
            : null;
        double extrapolation = c.attr("extrapolation_value", 0.0);
        FloatTensor y = x;
        for (int axis = 0; axis < rank; axis++) {
            int in = x.shape().dim(axis);
            if (out[axis] == in && scales[axis] == 1 && !coordinateMode.equals("tf_crop_and_resize")) {
                continue;
            }
            double start = roi == null ? 0 : roi[axis];
            double end = roi == null ? 1 : roi[axis + rank];
            Taps[] taps = new Taps[out[axis]];
            for (int o = 0; o < taps.length; o++) {
                double xo = original(coordinateMode, o, in, scales[axis], start, end);
                taps[o] = coordinateMode.equals("tf_crop_and_resize") && (xo < 0 || xo > in - 1) ? null
                    : taps(c, legacy, xo, in);
            }
            y = interpolate(y, axis, taps, extrapolation);
        }
        return y;
    }

    /** Output sizes and scales from the scales or sizes input (or the Upsample attribute). */
    private static void resolveSizes(Call c, boolean legacy, Shape shape, double[] scales, int[] out) {
        int rank = shape.rank();
        double[] givenScales = null;
        long[] givenSizes = null;
        if (c.node().has("scales")) {
            givenScales = c.node().attribute("scales").asFloats();
        } else if (legacy) {
            givenScales = ElementwiseOps.toFloat(c.in(1)).data();
        } else if (c.has(3) && c.in(3).shape().size() > 0) {
            givenSizes = c.longs(3);
        } else if (c.has(2) && c.in(2).shape().size() > 0) {
            givenScales = ElementwiseOps.toFloat(c.in(2)).data();
        } else {
            throw c.error("needs scales or sizes");
        }
        int n = givenScales != null ? givenScales.length : givenSizes.length;
        if (n != rank) {
            throw c.error("scales/sizes have " + n + " entries for rank " + rank);
        }
        for (int a = 0; a < rank; a++) {
            int in = shape.dim(a);
            if (givenScales != null) {
                scales[a] = givenScales[a];
                out[a] = (int) Math.floor(in * scales[a]);
            } else {
                out[a] = (int) givenSizes[a];
                scales[a] = (double) out[a] / in;
            }
        }
    }

    /**
     * The input coordinate that output coordinate {@code o} maps to. As in the ONNX reference, the resized length
     * in these formulas is {@code in * scale}, which is fractional when scales (not sizes) were given.
     */
    private static double original(String mode, int o, int in, double scale, double start, double end) {
        double out = in * scale;
        return switch (mode) {
            case "half_pixel" -> (o + 0.5) / scale - 0.5;
            case "pytorch_half_pixel" -> out > 1 ? (o + 0.5) / scale - 0.5 : 0;
            case "align_corners" -> out == 1 ? 0 : o * (in - 1.0) / (out - 1.0);
            case "asymmetric" -> o / scale;
            case "tf_half_pixel_for_nn" -> (o + 0.5) / scale;
            case "tf_crop_and_resize" -> out > 1 ? start * (in - 1) + o * (end - start) * (in - 1) / (out - 1)
                : 0.5 * (start + end) * (in - 1);
            default -> throw new IllegalArgumentException("Resize: unknown coordinate_transformation_mode '"
                + mode + "'");
        };
    }

    private static Taps taps(Call c, boolean legacy, double xo, int in) {
        String mode = c.attr("mode", "nearest");
        int base = (int) Math.floor(xo);
        double t = xo - base;
        return switch (mode) {
            case "nearest" -> {
                String rounding = legacy ? "floor" : c.attr("nearest_mode", "round_prefer_floor");
                int i = switch (rounding) {
                    case "round_prefer_floor" -> t <= 0.5 ? base : base + 1;
                    case "round_prefer_ceil" -> t < 0.5 ? base : base + 1;
                    case "floor" -> base;
                    case "ceil" -> t == 0 ? base : base + 1;
                    default -> throw c.error("unknown nearest_mode '" + rounding + "'");
                };
                yield new Taps(new int[] {clamp(i, in)}, new double[] {1});
            }
            case "linear" -> new Taps(new int[] {clamp(base, in), clamp(base + 1, in)}, new double[] {1 - t, t});
            case "cubic" -> cubic(c, base, t, in);
            default -> throw c.error("unknown mode '" + mode + "'");
        };
    }

    /** Keys' cubic convolution with coefficient A over the four neighbours base-1 .. base+2. */
    private static Taps cubic(Call c, int base, double t, int in) {
        double a = c.attr("cubic_coeff_a", -0.75);
        boolean excludeOutside = c.attr("exclude_outside", 0L) != 0;
        double[] w = {
            ((a * (t + 1) - 5 * a) * (t + 1) + 8 * a) * (t + 1) - 4 * a,
            ((a + 2) * t - (a + 3)) * t * t + 1,
            ((a + 2) * (1 - t) - (a + 3)) * (1 - t) * (1 - t) + 1,
            ((a * (2 - t) - 5 * a) * (2 - t) + 8 * a) * (2 - t) - 4 * a,
        };
        int[] idx = new int[4];
        double kept = 0;
        for (int k = 0; k < 4; k++) {
            int i = base - 1 + k;
            if (excludeOutside && (i < 0 || i >= in)) {
                w[k] = 0;
            }
            kept += w[k];
            idx[k] = clamp(i, in);
        }
        if (excludeOutside) {
            for (int k = 0; k < 4; k++) {
                w[k] /= kept;
            }
        }
        return new Taps(idx, w);
    }

    private static int clamp(int i, int in) {
        return Math.clamp(i, 0, in - 1);
    }

    /** Sum over tap k of gather(x, axis, index_k) * weight_k, with the weights laid along the axis. */
    private static FloatTensor interpolate(FloatTensor x, int axis, Taps[] taps, double extrapolation) {
        int rank = x.shape().rank();
        int[] weightDims = new int[rank];
        java.util.Arrays.fill(weightDims, 1);
        weightDims[axis] = taps.length;
        Shape weightShape = Shape.of(weightDims);
        int width = 0;
        for (Taps t : taps) {
            width = Math.max(width, t == null ? 0 : t.index().length);
        }
        double[] outside = new double[taps.length];
        for (int o = 0; o < taps.length; o++) {
            outside[o] = taps[o] == null ? extrapolation : 0;
        }
        FloatTensor sum = new FloatTensor(weightShape, outside, x.dtype());
        for (int k = 0; k < width; k++) {
            long[] index = new long[taps.length];
            double[] weight = new double[taps.length];
            for (int o = 0; o < taps.length; o++) {
                if (taps[o] != null && k < taps[o].index().length) {
                    index[o] = taps[o].index()[k];
                    weight[o] = taps[o].weight()[k];
                }
            }
            FloatTensor picked = x.gather(axis, new LongTensor(Shape.of(index.length), index));
            sum = sum.add(picked.mul(new FloatTensor(weightShape, weight, x.dtype())));
        }
        return sum;
    }
}
