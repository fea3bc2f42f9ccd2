package org.cryptorch.approx;

import java.util.function.DoubleUnaryOperator;
import org.cryptorch.reference.SpecialFunctions;

/**
 * The smooth activations the fitted approximations target, with their exact values (the fitting reference) and
 * the straight lines they approach on either side (used beyond the fitted interval), as coefficients in x.
 */
enum Curve {
    SIGMOID("Sigmoid", Curve::sigmoid, new double[] {0}, new double[] {1}),
    TANH("Tanh", Math::tanh, new double[] {-1}, new double[] {1}),
    ERF("Erf", SpecialFunctions::erf, new double[] {-1}, new double[] {1}),
    GELU("Gelu", x -> 0.5 * x * (1 + SpecialFunctions.erf(x / Math.sqrt(2))), new double[] {0}, new double[] {0, 1}),
    SILU("Silu", x -> x * sigmoid(x), new double[] {0}, new double[] {0, 1});

    final String op;
    private final DoubleUnaryOperator exact;
    final double[] leftAsymptote;
    final double[] rightAsymptote;

    Curve(String op, DoubleUnaryOperator exact, double[] leftAsymptote, double[] rightAsymptote) {
        this.op = op;
        this.exact = exact;
        this.leftAsymptote = leftAsymptote;
        this.rightAsymptote = rightAsymptote;
    }

    double at(double x) {
        return exact.applyAsDouble(x);
    }

    /** The registry-name prefix, e.g. {@code sigmoid}. */
    String prefix() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }
}
