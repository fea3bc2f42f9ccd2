package org.cryptorch.passes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.Value;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.LongTensor;

/**
 * Replaces a Softmax whose input was masked with huge negative numbers by {@code MaskedSoftmax(X, Keep)} (attribute
 * axis; Keep is a bool tensor broadcast against X; masked entries output 0). Under MPC the exponential of -1e4 or
 * of float32's minimum is far outside any approximation's range, so the mask must be applied as a selection rather
 * than as an addend. Recognised maskings, for any mask value at or below {@link #MASK_LIMIT} (including -inf):
 * <ul>
 *   <li>{@code Where(keep, X, big)} and {@code Where(drop, big, X)};</li>
 *   <li>{@code X + M} with M a constant of zeros and big values;</li>
 *   <li>{@code X + Where(keep, 0, big)} and {@code X + Where(drop, big, 0)};</li>
 *   <li>{@code X + (1 - m) * big} (the BERT attention-mask idiom, m a 0/1 tensor).</li>
 * </ul>
 * The rewrite differs from the original only on rows that are masked entirely.
 */
public final class FuseMaskedSoftmax implements Pass {
    /** A value this negative drives exp() to exactly 0 in float32 for any realistic logit. */
    static final double MASK_LIMIT = -1e4 * (1 - Patterns.CONST_TOLERANCE);
    private static final long ONNX_BOOL = 9;

    @Override
    public String name() {
        return "fuse-masked-softmax";
    }

    @Override
    public boolean run(Graph g) {
        boolean changed = false;
        for (Node softmax : new ArrayList<>(g.nodes())) {
            if (!softmax.opType().equals("Softmax") || !Patterns.singleUse(g, softmax.input(0))) {
                continue;
            }
            Long axis = softmaxAxis(g, softmax);
            Masking m = axis == null ? null : matchWhere(g, softmax.input(0));
            if (m == null && axis != null) {
                m = matchAdd(g, softmax.input(0));
            }
            if (m != null) {
                Patterns.replaceWith(g, softmax.output(0), "MaskedSoftmax", List.of(m.x, m.keep),
                    Map.of("axis", Attribute.of("axis", axis)));
                changed = true;
            }
        }
        return changed;
    }

    /** Scores and the bool keep-mask of a recognised masking. */
    private record Masking(Value x, Value keep) {
    }

    /**
     * The softmax axis; before opset 13 Softmax flattens from its axis, which equals a softmax over that axis only
     * when it is the last one, so other cases are left alone (null).
     */
    private static Long softmaxAxis(Graph g, Node softmax) {
        if (g.opset() >= 13) {
            return softmax.intAttr("axis", -1);
        }
        long axis = softmax.intAttr("axis", 1);
        if (axis == -1) {
            return axis;
        }
        var shape = softmax.input(0).shape();
        return shape != null && axis == shape.rank() - 1 ? -1L : null;
    }

    private static Masking matchWhere(Graph g, Value scores) {
        Node where = Patterns.producer(scores, "Where");
        if (where == null) {
            return null;
        }
        Value cond = where.input(0);
        if (isMaskFill(where.input(2)) && !where.input(1).isConstant()) {
            return new Masking(where.input(1), cond);
        }
        if (isMaskFill(where.input(1)) && !where.input(2).isConstant()) {
            return new Masking(where.input(2), g.op("Not", cond));
        }
        return null;
    }

    private static Masking matchAdd(Graph g, Value scores) {
        Node add = Patterns.producer(scores, "Add");
        if (add == null || add.inputs().size() != 2) {
            return null;
        }
        for (int i = 0; i < 2; i++) {
            Value x = add.input(1 - i);
            Value keep = x.isConstant() ? null : keepOfAdditiveMask(g, add.input(i));
            if (keep != null) {
                return new Masking(x, keep);
            }
        }
        return null;
    }

    /**
     * The keep-mask equivalent to adding {@code mask}, or null if {@code mask} is not a recognised mask. The mask may
     * have other uses (every attention layer of a BERT adds the same one): it then stays for those.
     */
    private static Value keepOfAdditiveMask(Graph g, Value mask) {
        if (mask.isConstant()) {
            return constantKeep(g, mask);
        }
        Node where = Patterns.producer(mask, "Where");
        if (where != null) {
            if (Patterns.isConstant(where.input(1), 0) && isMaskFill(where.input(2))) {
                return where.input(0);
            }
            return Patterns.isConstant(where.input(2), 0) && isMaskFill(where.input(1))
                ? g.op("Not", where.input(0)) : null;
        }
        Node mul = Patterns.producer(mask, "Mul");
        if (mul == null || mul.inputs().size() != 2) {
            return null;
        }
        Value complement = isMaskFill(mul.input(1)) ? mul.input(0) : isMaskFill(mul.input(0)) ? mul.input(1) : null;
        Node sub = Patterns.producer(complement, "Sub");
        if (sub == null || !Patterns.isConstant(sub.input(0), 1)) {
            return null;
        }
        return g.op("Cast", Map.of("to", Attribute.of("to", ONNX_BOOL)), sub.input(1));
    }

    /** A constant additive mask of zeros (keep) and huge negative values (drop), as a bool constant. */
    private static Value constantKeep(Graph g, Value mask) {
        double[] d = Patterns.constantValues(mask);
        long[] keep = new long[d.length];
        boolean masksSomething = false;
        for (int i = 0; i < d.length; i++) {
            if (d[i] == 0) {
                keep[i] = 1;
            } else if (d[i] <= MASK_LIMIT) {
                masksSomething = true;
            } else {
                return null;
            }
        }
        return masksSomething ? g.constant(new LongTensor(mask.constant().shape(), keep, DType.BOOL)) : null;
    }

    /** A constant whose every element is at or below the mask limit (also -inf). */
    private static boolean isMaskFill(Value v) {
        double[] d = Patterns.constantValues(v);
        if (d == null || d.length == 0) {
            return false;
        }
        for (double x : d) {
            if (!(x <= MASK_LIMIT)) {
                return false;
            }
        }
        return true;
    }
}
