package org.cryptorch.passes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.Value;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;

/**
 * Recognises the LayerNorm decomposition that PyTorch exports below opset 17 and replaces it by one ONNX
 * {@code LayerNormalization}, so the compiler approximates one reciprocal square root per row instead of a
 * generic Sqrt and Div:
 * <pre>
 *   m = ReduceMean(x, axes)   d = x - m   v = ReduceMean(d^2, axes)
 *   y = d / Sqrt(v + eps) [* gamma] [+ beta]
 * </pre>
 * with the square as Pow(d, 2) or d * d, the reduced axes trailing and keepdims on, and gamma/beta constants.
 */
public final class FuseLayerNorm implements Pass {
    @Override
    public String name() {
        return "fuse-layernorm";
    }

    @Override
    public boolean run(Graph g) {
        boolean changed = false;
        for (Node mean : new ArrayList<>(g.nodes())) {
            if (mean.opType().equals("ReduceMean")) {
                changed |= tryFuse(g, mean);
            }
        }
        return changed;
    }

    private static boolean tryFuse(Graph g, Node mean) {
        Value x = mean.input(0);
        int axis = trailingAxis(mean, x.shape());
        if (axis == 0) {
            return false;
        }
        Node sub = Patterns.soleUser(g, mean.output(0), "Sub");
        if (sub == null || sub.input(0) != x || sub.input(1) != mean.output(0)) {
            return false;
        }
        Value centred = sub.output(0);
        List<Node> users = g.users(centred);
        if (users.size() != 2 || g.outputs().contains(centred)) {
            return false;
        }
        Node square = isSquareOf(users.get(0), centred) ? users.get(0) : users.get(1);
        Node div = users.get(0) == square ? users.get(1) : users.get(0);
        if (!isSquareOf(square, centred) || !div.opType().equals("Div") || div.input(0) != centred) {
            return false;
        }
        Node variance = Patterns.soleUser(g, square.output(0), "ReduceMean");
        if (variance == null || trailingAxis(variance, x.shape()) != axis) {
            return false;
        }
        Node addEps = Patterns.soleUser(g, variance.output(0), "Add");
        Value epsValue = addEps == null ? null : Patterns.otherInput(addEps, variance.output(0));
        double[] eps = Patterns.constantValues(epsValue);
        if (eps == null || eps.length != 1) {
            return false;
        }
        Node sqrt = Patterns.soleUser(g, addEps.output(0), "Sqrt");
        if (sqrt == null || div.input(1) != sqrt.output(0) || !Patterns.singleUse(g, sqrt.output(0))) {
            return false;
        }
        Shape normalized = normalizedShape(x.shape(), axis);
        Affine affine = Affine.after(g, div.output(0), normalized);
        Map<String, Attribute> attrs = Map.of("axis", Attribute.of("axis", (long) axis),
            "epsilon", Attribute.of("epsilon", eps[0]));
        Patterns.replaceWith(g, affine.out, "LayerNormalization", List.of(x,
            affine.constant(g, affine.gamma, x.dtype()), affine.constant(g, affine.beta, x.dtype())), attrs);
        return true;
    }

    private static boolean isSquareOf(Node n, Value v) {
        return (n.opType().equals("Pow") && n.input(0) == v && Patterns.isConstant(n.input(1), 2))
            || (n.opType().equals("Mul") && n.input(0) == v && n.input(1) == v);
    }

    /**
     * The first reduced axis as a negative number (-k for the last k axes) when {@code reduce} averages over
     * trailing axes with keepdims on; 0 otherwise. Axes come from the attribute (opset < 18) or the input.
     */
    private static int trailingAxis(Node reduce, Shape shape) {
        if (shape == null || reduce.intAttr("keepdims", 1) == 0) {
            return 0;
        }
        long[] axes = reduce.has("axes") ? reduce.intsAttr("axes", null) : longs(reduce.input(1));
        if (axes == null || axes.length == 0) {
            return 0;
        }
        int rank = shape.rank();
        long[] normalized = Arrays.stream(axes).map(a -> a < 0 ? a + rank : a).sorted().toArray();
        for (int i = 0; i < normalized.length; i++) {
            if (normalized[i] != rank - normalized.length + i) {
                return 0;
            }
        }
        return -normalized.length;
    }

    private static long[] longs(Value v) {
        double[] d = Patterns.constantValues(v);
        return d == null ? null : Arrays.stream(d).mapToLong(x -> (long) x).toArray();
    }

    private static Shape normalizedShape(Shape s, int axis) {
        int[] dims = s.dims();
        return Shape.of(Arrays.copyOfRange(dims, dims.length + axis, dims.length));
    }

    /** The optional {@code * gamma + beta} after the normalisation, with gamma/beta broadcast to the row shape. */
    private record Affine(Value out, double[] gamma, double[] beta, Shape normalized) {
        static Affine after(Graph g, Value normalizedOut, Shape normalized) {
            int size = normalized.size();
            double[] gamma = filled(size, 1.0);
            double[] beta = filled(size, 0.0);
            Value out = normalizedOut;
            Node mul = Patterns.soleUser(g, out, "Mul");
            double[] scale = mul == null ? null : rowParameter(Patterns.otherInput(mul, out), normalized);
            if (scale != null) {
                gamma = scale;
                out = mul.output(0);
            }
            Node add = Patterns.soleUser(g, out, "Add");
            double[] b = add == null ? null : rowParameter(Patterns.otherInput(add, out), normalized);
            if (b != null) {
                beta = b;
                out = add.output(0);
            }
            return new Affine(out, gamma, beta, normalized);
        }

        Value constant(Graph g, double[] row, DType like) {
            return g.constant(new FloatTensor(normalized, row, like == DType.FLOAT64 ? like : DType.FLOAT32));
        }

        private static double[] filled(int n, double v) {
            double[] d = new double[n];
            Arrays.fill(d, v);
            return d;
        }

        /**
         * A constant that varies along the row only (its shape without leading 1s is a suffix of the row shape),
         * expanded to the full row; null when {@code v} is not such a constant.
         */
        private static double[] rowParameter(Value v, Shape normalized) {
            double[] d = Patterns.constantValues(v);
            if (d == null) {
                return null;
            }
            int[] dims = v.constant().shape().dims();
            int[] row = normalized.dims();
            int lead = 0;
            while (lead < dims.length && dims[lead] == 1) {
                lead++;
            }
            int own = dims.length - lead;
            if (own > row.length) {
                return null;
            }
            for (int i = 0; i < own; i++) {
                if (dims[lead + i] != row[row.length - own + i]) {
                    return null;
                }
            }
            double[] full = new double[normalized.size()];
            for (int i = 0; i < full.length; i++) {
                full[i] = d[i % d.length];
            }
            return full;
        }
    }
}
