package org.cryptorch.passes;

import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.Value;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Tensor;

/** Matching helpers shared by the fusion passes: producers, single use, constants compared within a tolerance. */
final class Patterns {
    /** Relative tolerance for constants written by exporters (float32 rounding of sqrt(2), 0.044715, ...). */
    static final double CONST_TOLERANCE = 1e-5;

    private Patterns() {
    }

    /** The node producing {@code v} if it has op type {@code opType}, else null. */
    static Node producer(Value v, String opType) {
        Node p = v == null ? null : v.producer();
        return p != null && p.opType().equals(opType) ? p : null;
    }

    /** True when {@code v} feeds exactly one node input and is not a graph output (so a fusion may delete it). */
    static boolean singleUse(Graph g, Value v) {
        if (g.outputs().contains(v)) {
            return false;
        }
        int uses = 0;
        for (Node n : g.users(v)) {
            for (Value in : n.inputs()) {
                if (in == v) {
                    uses++;
                }
            }
        }
        return uses == 1;
    }

    /** The only user of {@code v} if {@code v} is single-use and that user has op type {@code opType}, else null. */
    static Node soleUser(Graph g, Value v, String opType) {
        if (!singleUse(g, v)) {
            return null;
        }
        Node user = g.users(v).get(0);
        return user.opType().equals(opType) ? user : null;
    }

    /** The other operand of a two-input node, given one of them; null if {@code known} is not an input. */
    static Value otherInput(Node binary, Value known) {
        if (binary.inputs().size() != 2) {
            return null;
        }
        if (binary.input(0) == known) {
            return binary.input(1);
        }
        return binary.input(1) == known ? binary.input(0) : null;
    }

    /** The elements of a constant as doubles, or null when {@code v} is not a constant. */
    static double[] constantValues(Value v) {
        if (v == null || !v.isConstant()) {
            return null;
        }
        return values(v.constant());
    }

    static double[] values(Tensor t) {
        if (t instanceof FloatTensor f) {
            return f.data();
        }
        long[] l = ((LongTensor) t).data();
        double[] d = new double[l.length];
        for (int i = 0; i < l.length; i++) {
            d[i] = l[i];
        }
        return d;
    }

    /** True when {@code v} is a non-empty constant whose every element is within tolerance of {@code expected}. */
    static boolean isConstant(Value v, double expected) {
        double[] d = constantValues(v);
        if (d == null || d.length == 0) {
            return false;
        }
        for (double x : d) {
            if (Math.abs(x - expected) > CONST_TOLERANCE * Math.max(1.0, Math.abs(expected))) {
                return false;
            }
        }
        return true;
    }

    /** The single constant operand of a binary node that equals {@code expected}; returns the other operand. */
    static Value operandBesideConstant(Node binary, double expected) {
        if (binary == null || binary.inputs().size() != 2) {
            return null;
        }
        if (isConstant(binary.input(1), expected) && !binary.input(0).isConstant()) {
            return binary.input(0);
        }
        if (isConstant(binary.input(0), expected) && !binary.input(1).isConstant()) {
            return binary.input(1);
        }
        return null;
    }

    /** True when every value in {@code interior} is single-use, so replacing the pattern's root removes them all. */
    static boolean allSingleUse(Graph g, List<Value> interior) {
        for (Value v : interior) {
            if (!singleUse(g, v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Redirects every use of {@code old} to {@code replacement}, which takes over its type and shape (known before
     * the rewrite; shape inference will confirm it).
     */
    static void replace(Graph g, Value old, Value replacement) {
        if (replacement.shape() == null) {
            replacement.setType(old.dtype(), old.shape());
        }
        g.replaceAllUses(old, replacement);
    }

    /**
     * Adds a one-output node of {@code opType} that takes the place of {@code replaced} (the output of a matched
     * pattern). The node is named in the scope of the pattern's last node (e.g. {@code /layer.0/mlp/Gelu_7}), so
     * printed graphs and error messages still point at the model's layer.
     */
    static Node replaceWith(Graph g, Value replaced, String opType, List<Value> inputs, Map<String, Attribute> attrs) {
        Node node = g.addNode(opType, inputs, 1, attrs);
        Node root = replaced.producer();
        String scope = root == null || root.name() == null ? "" : root.name();
        node.rename(g.freshName(scope.substring(0, scope.lastIndexOf('/') + 1) + opType));
        replace(g, replaced, node.output(0));
        return node;
    }
}
