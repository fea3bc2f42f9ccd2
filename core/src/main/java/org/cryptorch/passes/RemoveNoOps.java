package org.cryptorch.passes;

import java.util.ArrayList;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.Value;
import org.cryptorch.tensor.DType;

/** Drops nodes that pass their input through unchanged at inference: Identity, Dropout, Cast to the same type. */
public final class RemoveNoOps implements Pass {
    @Override
    public String name() {
        return "remove-no-ops";
    }

    @Override
    public boolean run(Graph g) {
        boolean changed = false;
        for (Node n : new ArrayList<>(g.nodes())) {
            if (isNoOp(g, n) && canForward(g, n.output(0), n.input(0))) {
                Patterns.replace(g, n.output(0), n.input(0));
                g.removeNode(n);
                changed = true;
            }
        }
        return changed;
    }

    private static boolean isNoOp(Graph g, Node n) {
        return switch (n.opType()) {
            case "Identity" -> true;
            case "Dropout" -> !maskIsUsed(g, n) && (!trainingMode(n) || ratioIsZero(n));
            case "Cast" -> n.input(0).dtype() != null && n.input(0).dtype() == onnxType(n.intAttr("to", -1));
            default -> false;
        };
    }

    /** Dropout's optional second output (the keep mask) has no trivial replacement, so keep such nodes. */
    private static boolean maskIsUsed(Graph g, Node dropout) {
        if (dropout.outputs().size() < 2) {
            return false;
        }
        Value mask = dropout.output(1);
        return g.outputs().contains(mask) || !g.users(mask).isEmpty();
    }

    /** Opset 12+ Dropout with a constant true training_mode input really drops; anything else is inference. */
    private static boolean trainingMode(Node dropout) {
        double[] mode = Patterns.constantValues(dropout.input(2));
        return mode != null && mode.length == 1 && mode[0] != 0;
    }

    /**
     * A dropout of ratio 0 passes everything even in training mode (torchvision 0.14's Swin calls
     * {@code F.dropout(attn, p=0.0)} without {@code training=False}, which exports training_mode true).
     */
    private static boolean ratioIsZero(Node dropout) {
        double[] ratio = dropout.inputs().size() > 1 ? Patterns.constantValues(dropout.input(1)) : null;
        return ratio != null && ratio.length == 1 && ratio[0] == 0;
    }

    /**
     * Forwarding makes the input take the output's place; when both are graph inputs/outputs that would rename a
     * graph input or merge two outputs, so such pass-through nodes stay.
     */
    private static boolean canForward(Graph g, Value out, Value in) {
        return !g.outputs().contains(out) || (!g.inputs().contains(in) && !g.outputs().contains(in));
    }

    /** ONNX TensorProto.DataType codes of the types the project stores; null for the others. */
    static DType onnxType(long code) {
        return switch ((int) code) {
            case 1 -> DType.FLOAT32;
            case 6 -> DType.INT32;
            case 7 -> DType.INT64;
            case 9 -> DType.BOOL;
            case 11 -> DType.FLOAT64;
            default -> null;
        };
    }
}
