package org.cryptorch.reference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.NodeEvaluator;
import org.cryptorch.tensor.Tensor;

/**
 * The registry of float kernels: which op types the reference interpreter supports and how to evaluate one node.
 * Op types are those of the default ONNX domain plus our fused ops {@code Silu} and {@code MaskedSoftmax}.
 */
public final class Ops {
    /** The opset whose semantics {@link #evaluate(Node, List)} applies. */
    public static final int LATEST_OPSET = 17;

    private static final Map<String, Kernel> KERNELS = new HashMap<>();

    static {
        ElementwiseOps.register();
        LinearOps.register();
        PoolOps.register();
        NormalizationOps.register();
        ReduceOps.register();
        MovementOps.register();
        ConstantOps.register();
    }

    private Ops() {
    }

    static void register(String opType, Kernel k) {
        if (KERNELS.put(opType, k) != null) {
            throw new IllegalStateException("kernel for " + opType + " registered twice");
        }
    }

    static void single(String opType, Kernel.Single k) {
        register(opType, c -> List.of(k.apply(c)));
    }

    public static boolean isSupported(String opType) {
        return KERNELS.containsKey(opType);
    }

    /** Supported op types, sorted. */
    public static List<String> supportedOps() {
        List<String> ops = new ArrayList<>(KERNELS.keySet());
        ops.sort(null);
        return ops;
    }

    /**
     * Evaluates one node on concrete inputs (null for an omitted optional input) with the semantics of
     * {@code opset}; returns one tensor per node output (null for an optional output the op does not produce).
     */
    public static List<Tensor> evaluate(Node node, List<Tensor> inputs, int opset) {
        Kernel k = KERNELS.get(node.opType());
        if (k == null || !node.domain().isEmpty() && !node.domain().equals("ai.onnx")) {
            throw new IllegalArgumentException("unsupported op " + node.opType()
                + (node.domain().isEmpty() ? "" : " (domain " + node.domain() + ")") + " at node '"
                + node.name() + "'");
        }
        return k.apply(new Call(node, inputs, opset <= 0 ? LATEST_OPSET : opset));
    }

    /** {@link #evaluate(Node, List, int)} with the semantics of {@link #LATEST_OPSET}. */
    public static List<Tensor> evaluate(Node node, List<Tensor> inputs) {
        return evaluate(node, inputs, LATEST_OPSET);
    }

    /** This registry as the evaluator that shape inference and constant folding use. */
    public static NodeEvaluator evaluator() {
        return new NodeEvaluator() {
            @Override
            public boolean supports(String opType) {
                return isSupported(opType);
            }

            @Override
            public List<Tensor> evaluate(Node node, List<Tensor> inputs, int opset) {
                return Ops.evaluate(node, inputs, opset);
            }
        };
    }
}
