package org.cryptorch.ir;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;

/**
 * What the project knows about each op, in one place: how {@link ShapeInference} types its output, which inputs
 * define the output shape, and how the MPC compiler computes it (lowered to instructions, moved on shares, rewritten
 * into primitives by the linearizer or the canonicaliser, folded on public values, or approximated, with why). Shape inference, the
 * approximator, the plan, the linearizer, the lowering and the approximation library's primitive set all read this
 * table; adding an ONNX op starts with one line here (docs/architecture.md, "Adding an ONNX op").
 *
 * <p>An op that is not listed is evaluated for its shapes by the float reference and is not supported under MPC.
 */
public final class OpTable {
    /** How shape inference types an op's output without running it. */
    public enum ShapeRule {
        /** The shape and type of input 0 (single-output ops only). */
        SAME,
        /** The broadcast of all input shapes, the type of input 0. */
        BROADCAST,
        /** The broadcast of all input shapes, bool. */
        COMPARE,
        MATMUL,
        GEMM,
        CONV,
        /** Run the node's kernel on zeros of the input shapes (and on the known values of shape-defining inputs). */
        EVALUATE
    }

    /** How the MPC compiler computes an op. */
    public enum Mpc {
        /** The lowering emits instructions for it (arithmetic, products, the comparison, casts). */
        LOWERED,
        /** Local data movement on shares (public shapes and indices), lowered to one {@code Move}. */
        MOVED,
        /** Exact, rewritten by the linearizer into lowered and moved ops (when {@link Op#exactWhen} holds). */
        LINEARIZED,
        /** Defined on public values only (shapes, constants); folded before or during the lowering. */
        FOLDED,
        /** Exact, but rewritten by the canonicaliser (Gemm to MatMul + Add, BatchNormalization to Mul + Add). */
        CANONICALIZED,
        /** Not computable exactly under additive sharing: the plan must approximate it. */
        APPROXIMATED,
        /** Neither computable nor approximated. */
        UNSUPPORTED
    }

    /**
     * One op's facts.
     *
     * @param shapeDefining       inputs (by index) that the op reads as data defining its output shape; shape
     *                            inference needs them known statically
     * @param mpc                 how the MPC compiler computes it
     * @param primitive           whether it belongs to the MPC instruction set that approximations emit
     * @param exactWhen           for {@link Mpc#LINEARIZED} ops: whether this node is exact (e.g. a Div by a
     *                            constant); otherwise it needs an approximation for {@code approximationReason}
     * @param approximationReason what computing it under MPC involves when it is not exact
     */
    public record Op(String name, ShapeRule shape, int[] shapeDefining, Mpc mpc, boolean primitive,
                     Predicate<Node> exactWhen, String approximationReason) {
        /** Why {@code n} (of this op) needs an approximation under MPC, or null when it is computed exactly. */
        public String approximationReason(Node n) {
            return switch (mpc) {
                case LOWERED, MOVED, FOLDED, CANONICALIZED -> null;
                case LINEARIZED -> exactWhen.test(n) ? null : approximationReason;
                case APPROXIMATED, UNSUPPORTED -> approximationReason;
            };
        }
    }

    /** The comparison with zero, the one non-ONNX primitive (see {@code approx.Primitives#LTZ}). */
    public static final String LTZ = "Ltz";

    private static final String NO_APPROXIMATION = "not an MPC-native op and no approximation is known for it";
    private static final Predicate<Node> ALWAYS = n -> true;
    private static final int[] NONE = {};
    private static final Map<String, Op> OPS = new HashMap<>();

    static {
        // the MPC instruction set: arithmetic and the comparison with zero ("Ltz", see approx.Primitives)
        for (String op : new String[] {"Add", "Sub", "Mul"}) {
            add(op, ShapeRule.BROADCAST, Mpc.LOWERED, true);
        }
        add("Neg", ShapeRule.SAME, Mpc.LOWERED, true);
        add("MatMul", ShapeRule.MATMUL, Mpc.LOWERED, true);
        add("Conv", ShapeRule.CONV, Mpc.LOWERED, true);
        add("ReduceSum", ShapeRule.EVALUATE, Mpc.LOWERED, true, 1);
        add(LTZ, ShapeRule.EVALUATE, Mpc.LOWERED, true);
        add("Cast", ShapeRule.EVALUATE, Mpc.LOWERED, true);
        // ... and data movement
        add("Reshape", ShapeRule.EVALUATE, Mpc.MOVED, true, 1);
        add("Expand", ShapeRule.EVALUATE, Mpc.MOVED, true, 1);
        add("Slice", ShapeRule.EVALUATE, Mpc.MOVED, true, 1, 2, 3, 4);
        add("Pad", ShapeRule.EVALUATE, Mpc.MOVED, true, 1);
        add("Tile", ShapeRule.EVALUATE, Mpc.MOVED, true, 1);
        add("Squeeze", ShapeRule.EVALUATE, Mpc.MOVED, true, 1);
        add("Unsqueeze", ShapeRule.EVALUATE, Mpc.MOVED, true, 1);
        for (String op : new String[] {"Transpose", "Concat", "Gather", "Flatten", "DepthToSpace", "SpaceToDepth"}) {
            add(op, ShapeRule.EVALUATE, Mpc.MOVED, true);
        }
        // exact, rewritten into the above by the linearizer; Split (into Slices) and Identity are primitives too
        add("Split", ShapeRule.EVALUATE, Mpc.LINEARIZED, true, 1);
        add("Identity", ShapeRule.SAME, Mpc.LINEARIZED, true);
        add("Dropout", ShapeRule.SAME, Mpc.LINEARIZED, false);
        add("Sum", ShapeRule.BROADCAST, Mpc.LINEARIZED, false);
        add("ReduceMean", ShapeRule.EVALUATE, Mpc.LINEARIZED, false, 1);
        add("AveragePool", ShapeRule.EVALUATE, Mpc.LINEARIZED, false);
        add("GlobalAveragePool", ShapeRule.EVALUATE, Mpc.LINEARIZED, false);
        linearizedWhen("Div", ShapeRule.BROADCAST, n -> n.input(1).isConstant(), "division by a secret (reciprocal)");
        linearizedWhen("Pow", ShapeRule.BROADCAST, n -> isSmallNaturalConstant(n.input(1)),
            "power with a non-integer or secret exponent");
        linearizedWhen("Where", ShapeRule.EVALUATE, n -> n.input(0).isConstant(), "selection by a secret condition");
        add("Gemm", ShapeRule.GEMM, Mpc.CANONICALIZED, false);
        add("BatchNormalization", ShapeRule.SAME, Mpc.CANONICALIZED, false);
        // public values only
        add("Shape", ShapeRule.EVALUATE, Mpc.FOLDED, false);
        add("Size", ShapeRule.EVALUATE, Mpc.FOLDED, false);
        add("Constant", ShapeRule.EVALUATE, Mpc.FOLDED, false);
        add("ConstantOfShape", ShapeRule.EVALUATE, Mpc.FOLDED, false, 0);
        // non-linear: approximated under MPC
        for (String op : new String[] {"Relu", "LeakyRelu", "Abs", "Sign"}) {
            approximated(op, ShapeRule.SAME, "comparison with zero");
        }
        approximated("MaxPool", ShapeRule.EVALUATE, "comparisons (max over windows)");
        approximated("ReduceMax", ShapeRule.EVALUATE, "comparisons (max)", 1);
        approximated("Max", ShapeRule.BROADCAST, "comparison");
        approximated("Min", ShapeRule.BROADCAST, "comparison");
        approximated("Clip", ShapeRule.SAME, "two comparisons");
        for (String op : new String[] {"Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual"}) {
            approximated(op, ShapeRule.COMPARE, "comparison");
        }
        approximated("Exp", ShapeRule.SAME, "exponential");
        approximated("Log", ShapeRule.SAME, "logarithm");
        approximated("Sqrt", ShapeRule.SAME, "square root");
        approximated("Reciprocal", ShapeRule.SAME, "reciprocal");
        approximated("Erf", ShapeRule.SAME, "error function");
        approximated("Tanh", ShapeRule.SAME, "tanh");
        approximated("Sigmoid", ShapeRule.SAME, "sigmoid");
        approximated("HardSigmoid", ShapeRule.SAME, "comparisons (clip)");
        approximated("HardSwish", ShapeRule.SAME, "comparisons (clip) and a multiplication");
        approximated("Silu", ShapeRule.SAME, "sigmoid");
        approximated("Gelu", ShapeRule.SAME, "GELU");
        approximated("Softmax", ShapeRule.SAME, "max, exponential and reciprocal");
        approximated("LogSoftmax", ShapeRule.SAME, "max, exponential and logarithm");
        approximated("MaskedSoftmax", ShapeRule.SAME, "max, exponential and reciprocal over the kept entries");
        approximated("LayerNormalization", ShapeRule.SAME, "reciprocal square root of the variance");
        approximated("Not", ShapeRule.SAME, "bit operation on a secret");
        // unsupported under MPC; listed for their shape facts
        for (String op : new String[] {"Elu", "Selu", "Softplus", "Softsign", "Sin", "Cos", "Floor", "Ceil", "Round"}) {
            add(op, ShapeRule.SAME, Mpc.UNSUPPORTED, false);
        }
        for (String op : new String[] {"Mod", "Mean"}) {
            add(op, ShapeRule.BROADCAST, Mpc.UNSUPPORTED, false);
        }
        for (String op : new String[] {"And", "Or", "Xor"}) {
            add(op, ShapeRule.COMPARE, Mpc.UNSUPPORTED, false);
        }
        for (String op : new String[] {"ReduceMin", "ReduceProd", "OneHot", "TopK", "Upsample"}) {
            add(op, ShapeRule.EVALUATE, Mpc.UNSUPPORTED, false, 1);
        }
        add("Resize", ShapeRule.EVALUATE, Mpc.UNSUPPORTED, false, 1, 2, 3);
        add("Range", ShapeRule.EVALUATE, Mpc.UNSUPPORTED, false, 0, 1, 2);
        add("NonZero", ShapeRule.EVALUATE, Mpc.UNSUPPORTED, false, 0);
    }

    private OpTable() {
    }

    /** The facts of {@code opType}; an op not listed is evaluated for shapes and unsupported under MPC. */
    public static Op of(String opType) {
        Op op = OPS.get(opType);
        return op != null ? op
            : new Op(opType, ShapeRule.EVALUATE, NONE, Mpc.UNSUPPORTED, false, ALWAYS, NO_APPROXIMATION);
    }

    /**
     * Why {@code n} needs an approximation under MPC (e.g. "comparison with zero"), or null when it is computed
     * exactly. Div and Pow are exact only with a constant divisor or a constant small non-negative integer power,
     * Where only with a constant condition.
     */
    public static String approximationReason(Node n) {
        return of(n.opType()).approximationReason(n);
    }

    /** The listed ops computed as {@code mpc}, sorted. */
    public static Set<String> ops(Mpc mpc) {
        Set<String> out = new TreeSet<>();
        OPS.values().stream().filter(o -> o.mpc() == mpc).forEach(o -> out.add(o.name()));
        return out;
    }

    private static void add(String name, ShapeRule shape, Mpc mpc, boolean primitive, int... shapeDefining) {
        put(new Op(name, shape, shapeDefining, mpc, primitive, ALWAYS,
            mpc == Mpc.UNSUPPORTED ? NO_APPROXIMATION : null));
    }

    private static void approximated(String name, ShapeRule shape, String reason, int... shapeDefining) {
        put(new Op(name, shape, shapeDefining, Mpc.APPROXIMATED, false, ALWAYS, reason));
    }

    private static void linearizedWhen(String name, ShapeRule shape, Predicate<Node> exactWhen, String reason) {
        put(new Op(name, shape, NONE, Mpc.LINEARIZED, false, exactWhen, reason));
    }

    private static void put(Op op) {
        if (OPS.put(op.name(), op) != null) {
            throw new IllegalStateException("op " + op.name() + " is listed twice");
        }
    }

    /** A constant of integers in [0, 8]: a power the linearizer writes as that many products. */
    private static boolean isSmallNaturalConstant(Value v) {
        if (v == null || !v.isConstant()) {
            return false;
        }
        double[] d = switch (v.constant()) {
            case FloatTensor f -> f.data();
            case LongTensor l -> Arrays.stream(l.data()).asDoubleStream().toArray();
        };
        return Arrays.stream(d).allMatch(x -> x == Math.rint(x) && x >= 0 && x <= 8);
    }
}
