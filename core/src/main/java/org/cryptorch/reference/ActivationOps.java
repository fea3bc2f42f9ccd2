package org.cryptorch.reference;

import java.util.function.DoubleUnaryOperator;
import java.util.function.LongUnaryOperator;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;

/** Unary elementwise ops: activations (with their attributes), transcendental functions, rounding, tests. */
final class ActivationOps {
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
    private static final double SELU_ALPHA = 1.6732632423543772;
    private static final double SELU_GAMMA = 1.0507009873554805;

    private ActivationOps() {
    }

    static void register() {
        unary("Relu", x -> Math.max(x, 0));
        // The MPC primitive comparison (org.cryptorch.approx.Primitives.LTZ): 1 where x < 0, else 0.
        unary("Ltz", x -> x < 0 ? 1 : 0);
        unary("Sigmoid", ActivationOps::sigmoid);
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
        unary("Cosh", Math::cosh);
        unary("Asin", Math::asin);
        unary("Acos", Math::acos);
        unary("Atan", Math::atan);
        unary("Asinh", x -> Math.log(x + Math.sqrt(x * x + 1)));
        unary("Acosh", x -> Math.log(x + Math.sqrt(x * x - 1)));
        unary("Atanh", x -> 0.5 * Math.log((1 + x) / (1 - x)));
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
        parametrised("Celu", c -> {
            double alpha = c.attr("alpha", 1.0);
            return x -> Math.max(0, x) + Math.min(0, alpha * Math.expm1(x / alpha));
        });
        parametrised("ThresholdedRelu", c -> {
            double alpha = c.attr("alpha", 1.0);
            return x -> x > alpha ? x : 0;
        });
        parametrised("Shrink", c -> {
            double bias = c.attr("bias", 0.0);
            double lambd = c.attr("lambd", 0.5);
            return x -> x < -lambd ? x + bias : x > lambd ? x - bias : 0;
        });
        Ops.single("IsNaN", c -> ConstantOps.cast(c.f(0).map(x -> Double.isNaN(x) ? 1 : 0), DType.BOOL));
        Ops.single("IsInf", c -> {
            boolean negative = c.attr("detect_negative", 1L) != 0;
            boolean positive = c.attr("detect_positive", 1L) != 0;
            return ConstantOps.cast(c.f(0).map(x -> x == Double.NEGATIVE_INFINITY && negative
                || x == Double.POSITIVE_INFINITY && positive ? 1 : 0), DType.BOOL);
        });
    }

    static double sigmoid(double x) {
        // written so that neither branch overflows for large |x|
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
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
}
