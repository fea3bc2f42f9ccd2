package org.cryptorch.ir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * Sets the dtype and static shape of every value of a graph for concrete input shapes.
 *
 * <p>Cheap rules ({@link OpTable.ShapeRule}) cover the ops that carry the bulk of the work (elementwise ops, MatMul,
 * Gemm, Conv). Every other op is evaluated with the {@link NodeEvaluator} on zero tensors of the input shapes, except
 * that inputs whose values are known (constants and the results of shape arithmetic on them) are passed as they are:
 * that makes the output shapes of Reshape, Expand, Slice, ConstantOfShape and the like exact without one rule per
 * op. Inputs that such ops read as data ({@link OpTable.Op#shapeDefining}) must be known; otherwise the error names
 * the node and the input.
 */
public final class ShapeInference {
    private final NodeEvaluator evaluator;
    /** Values known at compile time: constants and shape arithmetic on them. */
    private final Map<Value, Tensor> known = new HashMap<>();

    public ShapeInference(NodeEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    /**
     * Infers every value's type and shape. {@code inputShapes} gives shapes by input name; an input left out keeps
     * its declared shape, which must then be fully static.
     */
    public void infer(Graph graph, Map<String, Shape> inputShapes) {
        known.clear();
        setInputShapes(graph, inputShapes);
        for (Node node : graph.nodes()) {
            inferNode(node, graph.opset());
        }
        for (Value out : graph.outputs()) {
            if (out.shape() == null) {
                throw new IllegalArgumentException("graph output '" + out.name() + "' is produced by no node");
            }
        }
    }

    /**
     * Infers the types of {@code nodes} (in order) in a graph whose other values are typed already, e.g. the nodes
     * a rewrite just appended: rewrites that read shapes (approximations slice by them) then see every value typed.
     */
    public void inferAppended(List<Node> nodes, int opset) {
        known.clear();
        for (Node node : nodes) {
            inferNode(node, opset);
        }
    }

    private static void setInputShapes(Graph graph, Map<String, Shape> given) {
        List<String> names = graph.inputs().stream().map(Value::name).toList();
        for (String name : given.keySet()) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("no graph input named '" + name + "'; inputs are " + names);
            }
        }
        for (Value in : graph.inputs()) {
            int[] declared = in.declaredDims();
            Shape shape = given.get(in.name());
            if (shape != null) {
                checkInputShape(in, shape);
            } else if (declared != null && Arrays.stream(declared).allMatch(d -> d >= 0)) {
                shape = Shape.of(declared);
            } else if (in.shape() != null) {
                shape = in.shape();
            } else {
                throw new IllegalArgumentException("input '" + in.name() + "' has dynamic shape "
                    + Arrays.toString(declared) + "; give its shape");
            }
            if (in.dtype() == null) {
                throw new IllegalArgumentException("input '" + in.name() + "' has no element type");
            }
            in.setType(in.dtype(), shape);
        }
    }

    /** Whether {@code given} fits declared dims (negative = any size; null declares nothing, so anything fits). */
    public static boolean fitsDeclared(int[] declared, Shape given) {
        if (declared == null) {
            return true;
        }
        boolean ok = declared.length == given.rank();
        for (int i = 0; ok && i < declared.length; i++) {
            ok = declared[i] < 0 || declared[i] == given.dim(i);
        }
        return ok;
    }

    /**
     * The first dimension declared dims fix (a model exported for a batch of one sequence declares 1), or 0 when it
     * is dynamic or nothing is declared.
     */
    public static int fixedFirstDim(int[] declared) {
        return declared == null || declared.length == 0 || declared[0] <= 0 ? 0 : declared[0];
    }

    /** Checks a shape given for a graph input against the model's declared dims (-1 = any). */
    public static void checkInputShape(Value in, Shape given) {
        int[] declared = in.declaredDims();
        if (!fitsDeclared(declared, given)) {
            throw new InvalidInputException("input '" + in.name() + "' expects shape "
                + Arrays.toString(declared).replace("-1", "?") + ", given " + given);
        }
    }

    private void inferNode(Node node, int opset) {
        List<Tensor> values = new ArrayList<>();
        boolean allKnown = true;
        for (int i = 0; i < node.inputs().size(); i++) {
            Value in = node.input(i);
            if (in == null) {
                values.add(null);
                continue;
            }
            if (in.shape() == null || in.dtype() == null) {
                throw new IllegalArgumentException(node + ": input '" + in.name() + "' has no type (it is "
                    + "produced by no earlier node)");
            }
            Tensor v = in.isConstant() ? in.constant() : known.get(in);
            allKnown &= v != null;
            values.add(v);
        }
        String op = node.opType();
        if (allKnown || op.equals("Shape") || op.equals("Size")) {
            evaluateInto(node, values, opset, true);
        } else if (!applyRule(node)) {
            checkShapeDefiningInputs(node, values);
            evaluateInto(node, values, opset, false);
        }
    }

    /** Types the output by the op's {@link OpTable.ShapeRule}; false when the rule is to evaluate the node. */
    private boolean applyRule(Node node) {
        Value x = node.input(0);
        switch (OpTable.of(node.opType()).shape()) {
            case SAME -> {
                if (node.outputs().size() != 1) {
                    return false;
                }
                node.output(0).setType(x.dtype(), x.shape());
            }
            case BROADCAST, COMPARE -> {
                Shape s = x.shape();
                for (Value in : node.inputs()) {
                    s = broadcast(node, s, in.shape());
                }
                boolean compare = OpTable.of(node.opType()).shape() == OpTable.ShapeRule.COMPARE;
                node.output(0).setType(compare ? DType.BOOL : x.dtype(), s);
            }
            case MATMUL -> node.output(0).setType(x.dtype(), matmulShape(node, x.shape(), node.input(1).shape()));
            case GEMM -> node.output(0).setType(x.dtype(), gemmShape(node));
            case CONV -> node.output(0).setType(x.dtype(), convShape(node));
            case EVALUATE -> {
                return false;
            }
        }
        return true;
    }

    private static Shape broadcast(Node node, Shape a, Shape b) {
        try {
            return Shape.broadcast(a, b);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(node + ": " + e.getMessage(), e);
        }
    }

    private static Shape matmulShape(Node node, Shape a, Shape b) {
        if (a.rank() == 0 || b.rank() == 0) {
            throw new IllegalArgumentException(node + ": MatMul of a scalar");
        }
        int k1 = a.dim(-1);
        int k2 = b.rank() == 1 ? b.dim(0) : b.dim(-2);
        if (k1 != k2) {
            throw new IllegalArgumentException(node + ": MatMul inner dimensions differ: " + a + " x " + b);
        }
        Shape batchA = a.rank() > 2 ? Shape.of(Arrays.copyOf(a.dims(), a.rank() - 2)) : Shape.scalar();
        Shape batchB = b.rank() > 2 ? Shape.of(Arrays.copyOf(b.dims(), b.rank() - 2)) : Shape.scalar();
        List<Integer> dims = new ArrayList<>();
        for (int d : broadcast(node, batchA, batchB).dims()) {
            dims.add(d);
        }
        if (a.rank() > 1) {
            dims.add(a.dim(-2));
        }
        if (b.rank() > 1) {
            dims.add(b.dim(-1));
        }
        return Shape.of(dims.stream().mapToInt(Integer::intValue).toArray());
    }

    private static Shape gemmShape(Node node) {
        Shape a = node.input(0).shape();
        Shape b = node.input(1).shape();
        if (a.rank() != 2 || b.rank() != 2) {
            throw new IllegalArgumentException(node + ": Gemm needs 2-D inputs, got " + a + " and " + b);
        }
        boolean ta = node.intAttr("transA", 0) != 0;
        boolean tb = node.intAttr("transB", 0) != 0;
        int m = ta ? a.dim(1) : a.dim(0);
        int ka = ta ? a.dim(0) : a.dim(1);
        int kb = tb ? b.dim(1) : b.dim(0);
        int n = tb ? b.dim(0) : b.dim(1);
        if (ka != kb) {
            throw new IllegalArgumentException(node + ": Gemm inner dimensions differ: " + a + " x " + b);
        }
        return Shape.of(m, n);
    }

    private static Shape convShape(Node node) {
        Shape x = node.input(0).shape();
        Shape w = node.input(1).shape();
        if (x.rank() < 3 || w.rank() != x.rank()) {
            throw new IllegalArgumentException(node + ": Conv input " + x + " and weight " + w + " do not match");
        }
        int[] xd = x.dims();
        int[] wd = w.dims();
        int[] spatial = Arrays.copyOfRange(xd, 2, xd.length);
        SpatialWindow win = SpatialWindow.of(node, spatial, Arrays.copyOfRange(wd, 2, wd.length));
        int[] out = new int[xd.length];
        out[0] = xd[0];
        out[1] = wd[0];
        System.arraycopy(win.outputDims(), 0, out, 2, spatial.length);
        return Shape.of(out);
    }

    private static void checkShapeDefiningInputs(Node node, List<Tensor> values) {
        for (int i : OpTable.of(node.opType()).shapeDefining()) {
            if (i < values.size() && node.input(i) != null && values.get(i) == null) {
                throw new IllegalArgumentException(node + ": input " + i + " ('" + node.input(i).name()
                    + "') defines the output shape but is not a constant; cannot infer static shapes");
            }
        }
    }

    /** Runs the evaluator on known values (zeros for the unknown ones) and takes the output types from it. */
    private void evaluateInto(Node node, List<Tensor> values, int opset, boolean resultKnown) {
        if (!evaluator.supports(node.opType())) {
            throw new UnsupportedModelException("cannot infer shapes: op " + node.opType()
                + (node.domain().isEmpty() ? "" : " (domain " + node.domain() + ")") + " of node '" + node.name()
                + "' (opset " + opset + ") is not supported");
        }
        List<Tensor> args = new ArrayList<>(values);
        for (int i = 0; i < args.size(); i++) {
            Value in = node.input(i);
            if (args.get(i) == null && in != null) {
                args.set(i, zeros(in.dtype(), in.shape()));
            }
        }
        List<Tensor> results;
        try {
            results = evaluator.evaluate(node, args, opset);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot infer shapes at node '" + node.name() + "' ("
                + node.opType() + "): " + e.getMessage(), e);
        }
        for (int i = 0; i < node.outputs().size(); i++) {
            Value out = node.output(i);
            if (out == null) {
                continue;
            }
            Tensor t = i < results.size() ? results.get(i) : null;
            if (t == null) {
                continue;
            }
            out.setType(t.dtype(), t.shape());
            if (resultKnown) {
                known.put(out, t);
            }
        }
    }

    private static Tensor zeros(DType dtype, Shape shape) {
        return dtype.isFloat() ? new FloatTensor(shape, new double[shape.size()], dtype)
            : new LongTensor(shape, new long[shape.size()], dtype);
    }
}
