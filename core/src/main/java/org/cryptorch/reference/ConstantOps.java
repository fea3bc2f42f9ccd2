package org.cryptorch.reference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cryptorch.ir.Attribute;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/** Ops that make or pass tensors without arithmetic: Constant, ConstantOfShape, Shape, Size, Range, Cast, ... */
final class ConstantOps {
    private ConstantOps() {
    }

    static void register() {
        Ops.single("Constant", ConstantOps::constant);
        Ops.single("ConstantOfShape", c -> {
            Shape shape = Shape.of(c.longs(0).length == 0 ? new int[0]
                : Arrays.stream(c.longs(0)).mapToInt(Math::toIntExact).toArray());
            Tensor value = c.node().has("value") ? c.node().attribute("value").asTensor()
                : new FloatTensor(Shape.of(1), new double[] {0});
            return Tensors.broadcastTo(Tensors.reshape(value, Shape.scalar()), shape);
        });
        Ops.single("Shape", ConstantOps::shape);
        Ops.single("Size", c -> new LongTensor(Shape.scalar(), new long[] {c.in(0).shape().size()}, DType.INT64));
        Ops.single("Identity", c -> c.in(0));
        Ops.register("Dropout", c -> {
            // inference: Dropout is the identity, and its optional mask is all true
            if (c.has(2) && c.longs(2)[0] != 0 && (!c.has(1) || c.scalar(1) > 0)) {
                throw c.error("training_mode=true drops random elements; only inference is supported");
            }
            List<Tensor> out = new ArrayList<>(List.of(c.in(0)));
            if (c.node().outputs().size() > 1) {
                long[] mask = new long[c.in(0).shape().size()];
                Arrays.fill(mask, 1);
                out.add(new LongTensor(c.in(0).shape(), mask, DType.BOOL));
            }
            return out;
        });
        Ops.single("Cast", c -> cast(c.in(0), onnxType(c, c.attr("to", 0L))));
        Ops.single("CastLike", c -> cast(c.in(0), c.in(1).dtype()));
        Ops.single("Range", ConstantOps::range);
    }

    /** Maps ONNX TensorProto.DataType codes to our dtypes. */
    private static DType onnxType(Call c, long code) {
        return switch ((int) code) {
            case 1 -> DType.FLOAT32;
            case 11 -> DType.FLOAT64;
            case 7 -> DType.INT64;
            case 6 -> DType.INT32;
            case 9 -> DType.BOOL;
            default -> throw c.error("unsupported target type code " + code);
        };
    }

    static Tensor cast(Tensor x, DType to) {
        if (to.isFloat()) {
            FloatTensor f = ElementwiseOps.toFloat(x);
            double[] d = to == DType.FLOAT32 ? roundToFloat(f.data()) : f.data();
            return new FloatTensor(x.shape(), d, to);
        }
        long[] out = switch (x) {
            case FloatTensor f -> Arrays.stream(f.data()).mapToLong(v -> (long) v).toArray();
            case LongTensor l -> l.data().clone();
        };
        for (int i = 0; i < out.length; i++) {
            if (to == DType.BOOL) {
                out[i] = out[i] != 0 || x instanceof FloatTensor f && f.data()[i] != 0 ? 1 : 0;
            } else if (to == DType.INT32) {
                out[i] = (int) out[i];
            }
        }
        return new LongTensor(x.shape(), out, to);
    }

    /** Casting to float32 must lose the precision float32 cannot hold. */
    private static double[] roundToFloat(double[] d) {
        double[] r = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            r[i] = (float) d[i];
        }
        return r;
    }

    private static Tensor constant(Call c) {
        if (c.node().attributes().size() != 1) {
            throw c.error("expects exactly one value attribute, got " + c.node().attributes().keySet());
        }
        Attribute a = c.node().attributes().values().iterator().next();
        return switch (a.name()) {
            case "value" -> a.asTensor();
            case "value_float" -> new FloatTensor(Shape.scalar(), new double[] {a.asFloat()});
            case "value_floats" -> new FloatTensor(Shape.of(a.asFloats().length), a.asFloats());
            case "value_int" -> new LongTensor(Shape.scalar(), new long[] {a.asInt()});
            case "value_ints" -> new LongTensor(Shape.of(a.asInts().length), a.asInts());
            default -> throw c.error("unsupported attribute " + a.name());
        };
    }

    /** Opset 15 added start/end, which select a range of the dimensions (clamped like Slice). */
    private static Tensor shape(Call c) {
        int[] dims = c.in(0).shape().dims();
        int r = dims.length;
        long start = c.attr("start", 0L);
        long end = c.attr("end", (long) r);
        int s = (int) Math.clamp(start < 0 ? start + r : start, 0, r);
        int e = (int) Math.clamp(end < 0 ? end + r : end, 0, r);
        long[] out = new long[Math.max(0, e - s)];
        for (int i = 0; i < out.length; i++) {
            out[i] = dims[s + i];
        }
        return new LongTensor(Shape.of(out.length), out, DType.INT64);
    }

    private static Tensor range(Call c) {
        boolean isFloat = c.in(0) instanceof FloatTensor;
        double start = c.scalar(0);
        double limit = c.scalar(1);
        double delta = c.scalar(2);
        int n = (int) Math.max(0, Math.ceil((limit - start) / delta));
        if (isFloat) {
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = start + i * delta;
            }
            return new FloatTensor(Shape.of(n), d, c.in(0).dtype());
        }
        long[] d = new long[n];
        for (int i = 0; i < n; i++) {
            d[i] = (long) start + i * (long) delta;
        }
        return new LongTensor(Shape.of(n), d, c.in(0).dtype());
    }
}
