package org.cryptorch.reference;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/** Elementwise ops: activations, arithmetic with numpy broadcasting, comparisons, logic, Where, Clip. */
final class ElementwiseOps {
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
    private static final double SELU_ALPHA = 1.6732632423543772;
    private static final double SELU_GAMMA = 1.0507009873554805;

    private ElementwiseOps() {
    }

    static void register() {
        unary("Relu", x -> Math.max(x, 0));
        unary("Sigmoid", ElementwiseOps::sigmoid);
        unary("Silu", x -> x * sigmoid(x));
        unary("Tanh", Math::tanh);
        unary("Erf", SpecialFunctions::erf);
        unary("Exp", Math::exp);
        unary("Log", Math::log);
        unary("Sqrt", Math::sqrt);
        unary("Reciprocal", x -> 1 / x);
        unary("Softplus", x -> x > 30 ? x : Math.log1p(Math.exp(x)));
        unary("Softsign", x -> x / (1 + Math.abs(x)));
        unary("Sin", Math::sin);
        unary("Cos", Math::cos);
        unary("Tan", Math::tan);
        unary("Sinh", Math::sinh);
        unary("Floor", Math::floor);
        unary("Ceil", Math::ceil);
        unary("Round", Math::rint);
        unary("HardSwish", x -> x * Math.max(0, Math.min(1, x / 6 + 0.5)));
        integral("Neg", x -> -x, x -> -x);
        integral("Abs", Math::abs, Math::abs);
        integral("Sign", Math::signum, Long::signum);
        parametrised("LeakyRelu", c -> {
            double alpha = c.attr("alpha", 0.01);
            return x -> x >= 0 ? x : alpha * x;
        });
        parametrised("HardSigmoid", c -> {
            double alpha = c.attr("alpha", 0.2);
            double beta = c.attr("beta", 0.5);
            return x -> Math.max(0, Math.min(1, alpha * x + beta));
        });
        parametrised("Elu", c -> {
            double alpha = c.attr("alpha", 1.0);
            return x -> x >= 0 ? x : alpha * Math.expm1(x);
        });
        parametrised("Selu", c -> {
            double alpha = c.attr("alpha", SELU_ALPHA);
            double gamma = c.attr("gamma", SELU_GAMMA);
            return x -> gamma * (x > 0 ? x : alpha * Math.expm1(x));
        });
        parametrised("Gelu", c -> switch (c.attr("approximate", "none")) {
            case "none" -> x -> 0.5 * x * (1 + SpecialFunctions.erf(x / Math.sqrt(2)));
            case "tanh" -> x -> 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x)));
            default -> throw c.error("unknown approximate='" + c.attr("approximate", "") + "'");
        });
        Ops.single("Clip", ElementwiseOps::clip);

        arithmetic("Add", Double::sum, Long::sum);
        arithmetic("Sub", (a, b) -> a - b, (a, b) -> a - b);
        arithmetic("Mul", (a, b) -> a * b, (a, b) -> a * b);
        arithmetic("Div", (a, b) -> a / b, ElementwiseOps::integerDivide);
        arithmetic("Pow", Math::pow, (a, b) -> (long) Math.pow(a, b));
        arithmetic("PRelu", (x, slope) -> x >= 0 ? x : slope * x, (x, slope) -> x >= 0 ? x : slope * x);
        variadic("Max", Math::max, Math::max);
        variadic("Min", Math::min, Math::min);
        variadic("Sum", Double::sum, Long::sum);
        Ops.single("Mean", c -> {
            FloatTensor sum = (FloatTensor) fold(c, Double::sum, Long::sum);
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

    static double sigmoid(double x) {
        // written so that neither branch overflows for large |x|
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    private static long integerDivide(long a, long b) {
        if (b == 0) {
            throw new ArithmeticException("integer division by zero");
        }
        return a / b;
    }

    private static void unary(String op, DoubleUnaryOperator f) {
        Ops.single(op, c -> c.f(0).map(f));
    }

    private static void integral(String op, DoubleUnaryOperator f, LongUnaryOperator g) {
        Ops.single(op, c -> switch (c.in(0)) {
            case FloatTensor x -> x.map(f);
            case LongTensor x -> x.map(g);
        });
    }

    private interface Parametrised {
        DoubleUnaryOperator function(Call c);
    }

    private static void parametrised(String op, Parametrised p) {
        Ops.single(op, c -> c.f(0).map(p.function(c)));
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

    private static void arithmetic(String op, DoubleBinaryOperator f, LongBinaryOperator g) {
        Ops.single(op, c -> binary(c.in(0), c.in(1), f, g));
    }

    private static void variadic(String op, DoubleBinaryOperator f, LongBinaryOperator g) {
        Ops.single(op, c -> fold(c, f, g));
    }

    private static Tensor fold(Call c, DoubleBinaryOperator f, LongBinaryOperator g) {
        Tensor acc = c.in(0);
        for (int i = 1; i < c.inputs().size(); i++) {
            acc = binary(acc, c.in(i), f, g);
        }
        return acc;
    }

    /** Float arithmetic when either side is float (Pow may mix types), integer arithmetic otherwise. */
    static Tensor binary(Tensor a, Tensor b, DoubleBinaryOperator f, LongBinaryOperator g) {
        if (a instanceof LongTensor la && b instanceof LongTensor lb) {
            return la.zip(lb, g);
        }
        FloatTensor fa = toFloat(a);
        return fa.zip(toFloat(b), f);
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
