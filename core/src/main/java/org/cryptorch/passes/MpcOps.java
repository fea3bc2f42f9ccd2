package org.cryptorch.passes;

import java.util.Map;
import java.util.Set;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.Value;

/**
 * Which nodes of a canonical graph the MPC runtime cannot compute exactly and must approximate. Under additive
 * secret sharing only additions, multiplications (by public constants or, with one round, by secrets), matrix
 * products, convolutions and data movement are native; anything else needs polynomials, iterations or
 * comparisons. Data movement on public values and arithmetic with a public divisor or integer power stay exact.
 */
public final class MpcOps {
    /** Ops computed exactly with the native primitives (linear algebra, public scaling, data movement). */
    private static final Set<String> NATIVE = Set.of("Add", "Sub", "Neg", "Mul", "MatMul", "Gemm", "Conv",
        "AveragePool", "GlobalAveragePool", "ReduceMean", "ReduceSum", "Sum", "BatchNormalization", "Flatten",
        "Reshape", "Transpose", "Squeeze", "Unsqueeze", "Concat", "Split", "Slice", "Gather", "Expand", "Pad",
        "Identity", "Dropout", "Cast", "Tile", "DepthToSpace", "SpaceToDepth", "Shape", "Size", "Constant",
        "ConstantOfShape");

    /** The non-linear ops we know, with what their MPC evaluation involves. */
    private static final Map<String, String> NON_LINEAR = Map.ofEntries(
        Map.entry("Relu", "comparison with zero"), Map.entry("LeakyRelu", "comparison with zero"),
        Map.entry("MaxPool", "comparisons (max over windows)"), Map.entry("ReduceMax", "comparisons (max)"),
        Map.entry("Max", "comparison"), Map.entry("Min", "comparison"), Map.entry("Clip", "two comparisons"),
        Map.entry("Abs", "comparison with zero"), Map.entry("Sign", "comparison with zero"),
        Map.entry("Equal", "comparison"), Map.entry("Less", "comparison"), Map.entry("Greater", "comparison"),
        Map.entry("LessOrEqual", "comparison"), Map.entry("GreaterOrEqual", "comparison"),
        Map.entry("Exp", "exponential"), Map.entry("Log", "logarithm"), Map.entry("Sqrt", "square root"),
        Map.entry("Reciprocal", "reciprocal"), Map.entry("Erf", "error function"), Map.entry("Tanh", "tanh"),
        Map.entry("Sigmoid", "sigmoid"), Map.entry("HardSigmoid", "comparisons (clip)"),
        Map.entry("HardSwish", "comparisons (clip) and a multiplication"), Map.entry("Silu", "sigmoid"),
        Map.entry("Gelu", "GELU"), Map.entry("Softmax", "max, exponential and reciprocal"),
        Map.entry("LogSoftmax", "max, exponential and logarithm"),
        Map.entry("MaskedSoftmax", "max, exponential and reciprocal over the kept entries"),
        Map.entry("LayerNormalization", "reciprocal square root of the variance"),
        Map.entry("Where", "selection by a secret condition"), Map.entry("Not", "bit operation on a secret"));

    private MpcOps() {
    }

    /**
     * Why {@code n} needs an approximation under MPC (e.g. "comparison with zero"), or null when it is computed
     * exactly. Div and Pow are exact only with a constant divisor or a constant small non-negative integer power.
     */
    public static String approximationReason(Node n) {
        String op = n.opType();
        if (op.equals("Div")) {
            return n.input(1).isConstant() ? null : "division by a secret (reciprocal)";
        }
        if (op.equals("Pow")) {
            return isSmallNaturalConstant(n.input(1)) ? null : "power with a non-integer or secret exponent";
        }
        if (op.equals("Where") && n.input(0).isConstant()) {
            return null;
        }
        if (NATIVE.contains(op)) {
            return null;
        }
        return NON_LINEAR.getOrDefault(op, "not an MPC-native op and no approximation is known for it");
    }

    private static boolean isSmallNaturalConstant(Value v) {
        double[] d = Patterns.constantValues(v);
        if (d == null) {
            return false;
        }
        for (double x : d) {
            if (x != Math.rint(x) || x < 0 || x > 8) {
                return false;
            }
        }
        return true;
    }
}
