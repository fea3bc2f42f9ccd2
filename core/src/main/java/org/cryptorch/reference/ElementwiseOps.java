package org.cryptorch.reference;

import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.LongBinaryOperator;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/** Elementwise arithmetic with numpy broadcasting, comparisons, logic, Where, Clip and PRelu. */
final class ElementwiseOps {
    private ElementwiseOps() {
    }

    static void register() {
        Ops.single("Clip", ElementwiseOps::clip);

        arithmetic("Add", FloatTensor::add, Long::sum);
        arithmetic("Sub", FloatTensor::sub, (a, b) -> a - b);
        arithmetic("Mul", FloatTensor::mul, (a, b) -> a * b);
        arithmetic("Div", FloatTensor::div, ElementwiseOps::integerDivide);
        arithmetic("Pow", each(Math::pow), (a, b) -> (long) Math.pow(a, b));
        Ops.single("PRelu", ElementwiseOps::prelu);
        Ops.single("Mod", c -> c.attr("fmod", 0L) != 0
            ? binary(c.in(0), c.in(1), each((a, b) -> a % b), (a, b) -> a % integerDivisor(b))
            : binary(c.in(0), c.in(1), each((a, b) -> a - Math.floor(a / b) * b),
                (a, b) -> Math.floorMod(a, integerDivisor(b))));
        variadic("Max", each(Math::max), Math::max);
        variadic("Min", each(Math::min), Math::min);
        variadic("Sum", FloatTensor::add, Long::sum);
        Ops.single("Mean", c -> {
            FloatTensor sum = (FloatTensor) fold(c, FloatTensor::add, Long::sum);
            return sum.map(x -> x / c.inputs().size());
        });

        comparison("Equal", (a, b) -> a == b);
        comparison("Less", (a, b) -> a < b);
        comparison("Greater", (a, b) -> a > b);
        comparison("LessOrEqual", (a, b) -> a <= b);
        comparison("GreaterOrEqual", (a, b) -> a >= b);
        logic("And", (a, b) -> a & b);
        logic("Or", (a, b) -> a | b);
        logic("Xor", (a, b) -> a ^ b);
        Ops.single("Not", c -> {
            LongTensor x = c.l(0);
            long[] out = new long[x.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = x.data()[i] == 0 ? 1 : 0;
            }
            return new LongTensor(x.shape(), out, DType.BOOL);
        });
        Ops.single("Where", ElementwiseOps::where);
    }

    private static long integerDivide(long a, long b) {
        return a / integerDivisor(b);
    }

    private static long integerDivisor(long b) {
        if (b == 0) {
            throw new ArithmeticException("integer division by zero");
        }
        return b;
    }

    /** Before opset 7 a 1-D slope applies per channel (axis 1) rather than by numpy broadcasting. */
    private static Tensor prelu(Call c) {
        FloatTensor x = c.f(0);
        FloatTensor slope = c.f(1);
        if (c.opset() < 7 && slope.shape().rank() == 1 && x.shape().rank() > 2) {
            int[] dims = new int[x.shape().rank() - 1];
            java.util.Arrays.fill(dims, 1);
            dims[0] = slope.size();
            slope = slope.reshape(Shape.of(dims));
        }
        return x.zip(slope, (v, a) -> v >= 0 ? v : a * v);
    }

    private static Tensor clip(Call c) {
        double lo;
        double hi;
        if (c.opset() < 11) {
            lo = c.attr("min", Double.NEGATIVE_INFINITY);
            hi = c.attr("max", Double.POSITIVE_INFINITY);
        } else {
            lo = c.has(1) ? c.scalar(1) : Double.NEGATIVE_INFINITY;
            hi = c.has(2) ? c.scalar(2) : Double.POSITIVE_INFINITY;
        }
        return switch (c.in(0)) {
            case FloatTensor x -> x.map(v -> Math.min(hi, Math.max(lo, v)));
            case LongTensor x -> x.map(v -> (long) Math.min(hi, Math.max(lo, v)));
        };
    }

    /** Element-wise {@code f} with broadcasting, for operators without a dedicated {@link FloatTensor} loop. */
    private static BinaryOperator<FloatTensor> each(DoubleBinaryOperator f) {
        return (x, y) -> x.zip(y, f);
    }

    private static void arithmetic(String op, BinaryOperator<FloatTensor> f, LongBinaryOperator g) {
        Ops.single(op, c -> binary(c.in(0), c.in(1), f, g));
    }

    private static void variadic(String op, BinaryOperator<FloatTensor> f, LongBinaryOperator g) {
        Ops.single(op, c -> fold(c, f, g));
    }

    private static Tensor fold(Call c, BinaryOperator<FloatTensor> f, LongBinaryOperator g) {
        Tensor acc = c.in(0);
        for (int i = 1; i < c.inputs().size(); i++) {
            acc = binary(acc, c.in(i), f, g);
        }
        return acc;
    }

    /** Float arithmetic when either side is float (Pow may mix types), integer arithmetic otherwise. */
    static Tensor binary(Tensor a, Tensor b, BinaryOperator<FloatTensor> f, LongBinaryOperator g) {
        if (a instanceof LongTensor la && b instanceof LongTensor lb) {
            return la.zip(lb, g);
        }
        return f.apply(toFloat(a), toFloat(b));
    }

    static FloatTensor toFloat(Tensor t) {
        return switch (t) {
            case FloatTensor f -> f;
            case LongTensor l -> {
                double[] d = new double[l.size()];
                for (int i = 0; i < d.length; i++) {
                    d[i] = l.data()[i];
                }
                yield new FloatTensor(l.shape(), d, DType.FLOAT32);
            }
        };
    }

    private interface Comparison {
        boolean test(double a, double b);
    }

    private static void comparison(String op, Comparison cmp) {
        Ops.single(op, c -> {
            if (c.in(0) instanceof LongTensor a && c.in(1) instanceof LongTensor b) {
                // compare as longs: int64 values beyond 2^53 must not collide
                return Tensors.retype(a.zip(b, (x, y) -> cmp.test(Long.compare(x, y), 0) ? 1 : 0), DType.BOOL);
            }
            FloatTensor r = toFloat(c.in(0)).zip(toFloat(c.in(1)), (x, y) -> cmp.test(x, y) ? 1 : 0);
            return ConstantOps.cast(r, DType.BOOL);
        });
    }

    private static void logic(String op, LongBinaryOperator f) {
        Ops.single(op, c -> Tensors.retype(
            c.l(0).zip(c.l(1), (a, b) -> f.applyAsLong(a != 0 ? 1 : 0, b != 0 ? 1 : 0)), DType.BOOL));
    }

    private static Tensor where(Call c) {
        Tensor x = c.in(1);
        Tensor y = c.in(2);
        Shape s = Shape.broadcast(c.in(0).shape(), Shape.broadcast(x.shape(), y.shape()));
        long[] cond = c.l(0).broadcastTo(s).data();
        return switch (Tensors.broadcastTo(x, s)) {
            case FloatTensor fx -> {
                double[] out = fx.data().clone();
                double[] dy = ((FloatTensor) Tensors.broadcastTo(y, s)).data();
                for (int i = 0; i < out.length; i++) {
                    out[i] = cond[i] != 0 ? out[i] : dy[i];
                }
                yield new FloatTensor(s, out, fx.dtype());
            }
            case LongTensor lx -> {
                long[] out = lx.data().clone();
                long[] dy = ((LongTensor) Tensors.broadcastTo(y, s)).data();
                for (int i = 0; i < out.length; i++) {
                    out[i] = cond[i] != 0 ? out[i] : dy[i];
                }
                yield new LongTensor(s, out, lx.dtype());
            }
        };
    }
}
