package org.cryptorch.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cryptorch.approx.Primitives;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.SpatialWindow;
import org.cryptorch.ir.Value;
import org.cryptorch.reference.Ops;
import org.cryptorch.tensor.FixedPoint;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * Lowers an approximated graph (primitives only) to a fixed-point {@link Program}, tracking for every secret value
 * its scale: f fractional bits for reals, 0 for integers and the 0/1 results of comparisons.
 * <ul>
 *   <li>A product adds the scales; only when the result exceeds f is it truncated back to f, so products with
 *       public integers or with 0/1 values need no truncation.</li>
 *   <li>Sums align scales by multiplying the lower one by a power of two (exact, local).</li>
 *   <li>Computations on public values only are folded here, in float, so anything derived from secret weights
 *       stays secret.</li>
 *   <li>A gather with secret indices (an embedding lookup) becomes a product of the one-hot rows the index owner
 *       supplies with the table.</li>
 * </ul>
 */
final class Lowering {
    /** How a graph value exists in the program. */
    private sealed interface Lowered permits Pub, Sec {
    }

    private record Pub(Tensor t) implements Lowered {
    }

    private record Sec(int slot, int scale) implements Lowered {
    }

    /** Ops that move data without arithmetic, run on shares by the reference kernels. */
    private static final Set<String> MOVEMENT = union(Primitives.MOVEMENT, Set.of("Tile", "DepthToSpace",
        "SpaceToDepth"));

    private final Graph g;
    private final CompileOptions options;
    private final Weights weights;
    private final Map<String, Double> ranges;
    private final int f;
    private final List<Instruction> code = new ArrayList<>();
    private final List<Instruction.Weight> setup = new ArrayList<>();
    private final List<Shape> shapes = new ArrayList<>();
    private final List<Integer> scales = new ArrayList<>();
    private final Map<Value, Lowered> env = new HashMap<>();
    private final Map<Tensor, Sec> weightSlots = new IdentityHashMap<>();
    private final Set<Integer> oneHotSlots = new java.util.HashSet<>();
    private String site = "";

    Lowering(Graph g, CompileOptions options, Weights weights, Map<String, Double> ranges) {
        this.g = g;
        this.options = options;
        this.weights = weights;
        this.ranges = ranges;
        this.f = options.fractionalBits();
    }

    Program lower() {
        for (Value in : g.inputs()) {
            site = in.name();
            input(in);
        }
        for (Node n : g.nodes()) {
            site = Approximator.siteOf(n.name());
            try {
                lowerNode(n);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("node '" + n.name() + "' (" + n.opType() + "): " + e.getMessage(), e);
            }
        }
        for (Value out : g.outputs()) {
            site = out.name();
            Sec s = secret(value(out), out.shape());
            code.add(new Instruction.Output(s.slot(), out.name(), options.ownership().receiverOfOutput(out.name()),
                s.scale(), site));
        }
        Shape[] shapeArr = shapes.toArray(Shape[]::new);
        int[] scaleArr = scales.stream().mapToInt(Integer::intValue).toArray();
        List<Step> steps = Scheduler.schedule(ComparisonProducts.fuse(code), new ProgramCosts(shapeArr),
            shapeArr.length);
        return new Program(f, setup, steps, shapeArr, scaleArr);
    }

    // ---- inputs and values ----

    private void input(Value in) {
        int owner = options.ownership().ownerOfInput(in.name());
        boolean integer = in.dtype() != null && !in.dtype().isFloat();
        int depth = integer ? oneHotDepth(in) : 0;
        Shape shape = depth > 0 ? appendDim(in.shape(), depth) : in.shape();
        int scale = integer ? 0 : f;
        int slot = newSlot(shape, scale);
        code.add(new Instruction.Input(slot, in.name(), owner, shape, scale, depth, site));
        if (depth > 0) {
            oneHotSlots.add(slot);
        }
        env.put(in, new Sec(slot, scale));
    }

    /** The table size when every user of an integer input gathers rows of a 2-D table with it, else 0. */
    private int oneHotDepth(Value in) {
        int depth = 0;
        for (Node u : g.users(in)) {
            boolean gatherRows = u.opType().equals("Gather") && u.input(1) == in && u.input(0).shape().rank() == 2
                && u.intAttr("axis", 0) == 0;
            if (!gatherRows || depth > 0 && depth != u.input(0).shape().dim(0)) {
                return 0;
            }
            depth = u.input(0).shape().dim(0);
        }
        return depth;
    }

    private Lowered value(Value v) {
        Lowered l = env.get(v);
        if (l != null) {
            return l;
        }
        if (!v.isConstant()) {
            throw new IllegalArgumentException("value '" + v.name() + "' is produced by no node");
        }
        Tensor t = v.constant();
        if (options.ownership().weightsPublic() || !weights.isWeight(t)) {
            return new Pub(t);
        }
        return weightSlots.computeIfAbsent(t, k -> {
            int slot = newSlot(t.shape(), f);
            setup.add(new Instruction.Weight(slot, v.name(), options.ownership().weightOwner(), (FloatTensor) t, f,
                v.name()));
            return new Sec(slot, f);
        });
    }

    // ---- nodes ----

    private void lowerNode(Node n) {
        List<Lowered> in = new ArrayList<>();
        boolean anySecret = false;
        for (Value v : n.inputs()) {
            Lowered l = v == null ? null : value(v);
            anySecret |= l instanceof Sec;
            in.add(l);
        }
        if (!anySecret) {
            fold(n, in);
            return;
        }
        Lowered out = switch (n.opType()) {
            case "Add" -> add(n, in.get(0), in.get(1), false);
            case "Sub" -> add(n, in.get(0), in.get(1), true);
            case "Neg" -> unary((Sec) in.get(0), (o, a) -> new Instruction.Neg(o, a, site));
            case "Mul" -> mul(n, in.get(0), in.get(1));
            case "MatMul" -> matmul(n, in.get(0), in.get(1));
            case "Conv" -> conv(n, in);
            case "ReduceSum" -> reduceSum(n, in);
            case Primitives.LTZ -> ltz(n, (Sec) in.get(0));
            case "Gather" -> in.get(1) instanceof Sec idx ? secretGather(n, in.get(0), idx) : move(n, in);
            default -> {
                if (MOVEMENT.contains(n.opType())) {
                    yield move(n, in);
                }
                throw new IllegalArgumentException("not an MPC primitive and not supported by the lowering (the "
                    + "plan should approximate it)");
            }
        };
        env.put(n.output(0), out);
    }

    private void fold(Node n, List<Lowered> in) {
        List<Tensor> args = new ArrayList<>();
        for (Lowered l : in) {
            args.add(l == null ? null : ((Pub) l).t());
        }
        List<Tensor> res = Ops.evaluate(n, args, g.opset());
        for (int i = 0; i < n.outputs().size() && i < res.size(); i++) {
            env.put(n.output(i), new Pub(res.get(i)));
        }
    }

    private Lowered add(Node n, Lowered a, Lowered b, boolean subtract) {
        Shape out = n.output(0).shape();
        if (a instanceof Sec x && b instanceof Sec y) {
            return addSecrets(x, y, subtract, out);
        }
        boolean secretFirst = a instanceof Sec;
        Sec s = secretFirst ? (Sec) a : (Sec) b;
        FloatTensor c = Linearizer.toFloat(((Pub) (secretFirst ? b : a)).t());
        if (subtract && secretFirst) {
            c = c.map(v -> -v);
        }
        if (subtract && !secretFirst) {
            s = unary(s, (o, x) -> new Instruction.Neg(o, x, site));
        }
        return addPublic(s, c, out);
    }

    private Sec addSecrets(Sec x, Sec y, boolean subtract, Shape out) {
        int scale = Math.max(x.scale(), y.scale());
        Sec xs = rescale(x, scale);
        Sec ys = rescale(y, scale);
        int slot = newSlot(out, scale);
        code.add(subtract ? new Instruction.Sub(slot, xs.slot(), ys.slot(), site)
            : new Instruction.Add(slot, xs.slot(), ys.slot(), site));
        return new Sec(slot, scale);
    }

    /** s + c, at f fractional bits when c has a fraction and s is an integer. */
    private Sec addPublic(Sec s, FloatTensor c, Shape out) {
        Sec x = s.scale() == 0 && !integral(c) ? rescale(s, f) : s;
        int slot = newSlot(out, x.scale());
        code.add(new Instruction.AddPublic(slot, x.slot(), encode(c, x.scale()), site));
        return new Sec(slot, x.scale());
    }

    private Lowered mul(Node n, Lowered a, Lowered b) {
        Shape out = n.output(0).shape();
        if (a instanceof Sec x && b instanceof Sec y) {
            Sec xb = broadcast(x, out);
            Sec yb = x.slot() == y.slot() ? xb : broadcast(y, out);
            int slot = newSlot(out, x.scale() + y.scale());
            code.add(new Instruction.Mul(slot, xb.slot(), yb.slot(), site));
            return normalize(new Sec(slot, x.scale() + y.scale()));
        }
        Sec s = a instanceof Sec x ? x : (Sec) b;
        FloatTensor c = Linearizer.toFloat(((Pub) (a instanceof Sec ? b : a)).t());
        int cs = integral(c) ? 0 : f;
        int slot = newSlot(out, s.scale() + cs);
        code.add(new Instruction.MulPublic(slot, s.slot(), encode(c, cs), site));
        return normalize(new Sec(slot, s.scale() + cs));
    }

    private Lowered matmul(Node n, Lowered a, Lowered b) {
        Shape out = n.output(0).shape();
        if (a instanceof Sec x && b instanceof Sec y) {
            int slot = newSlot(out, x.scale() + y.scale());
            code.add(new Instruction.MatMul(slot, x.slot(), y.slot(), site));
            return normalize(new Sec(slot, x.scale() + y.scale()));
        }
        boolean publicLeft = a instanceof Pub;
        Sec s = publicLeft ? (Sec) b : (Sec) a;
        FloatTensor c = Linearizer.toFloat(((Pub) (publicLeft ? a : b)).t());
        int cs = integral(c) ? 0 : f;
        int slot = newSlot(out, s.scale() + cs);
        code.add(new Instruction.MatMulPublic(slot, s.slot(), encode(c, cs), publicLeft, site));
        return normalize(new Sec(slot, s.scale() + cs));
    }

    private Lowered conv(Node n, List<Lowered> in) {
        if (!(in.get(0) instanceof Sec x)) {
            throw new IllegalArgumentException("a public input convolved with secret weights is not supported");
        }
        Shape xs = shapes.get(x.slot());
        Tensor wShape = in.get(1) instanceof Pub p ? p.t() : null;
        Shape ws = wShape != null ? wShape.shape() : shapes.get(((Sec) in.get(1)).slot());
        if (xs.rank() != 4) {
            throw new IllegalArgumentException("only 2-D convolutions are supported, input " + xs);
        }
        SpatialWindow w = SpatialWindow.of(n, new int[] {xs.dim(2), xs.dim(3)}, new int[] {ws.dim(2), ws.dim(3)});
        Instruction.ConvParams p = new Instruction.ConvParams(w.strides(), new int[] {w.pads()[0], w.pads()[1],
            w.pads()[2], w.pads()[3]}, w.dilations(), (int) n.intAttr("group", 1));
        Shape out = n.output(0).shape();
        Sec y;
        if (in.get(1) instanceof Sec k) {
            int slot = newSlot(out, x.scale() + k.scale());
            code.add(new Instruction.Conv(slot, x.slot(), k.slot(), p, site));
            y = normalize(new Sec(slot, x.scale() + k.scale()));
        } else {
            FloatTensor c = Linearizer.toFloat(wShape);
            int cs = integral(c) ? 0 : f;
            int slot = newSlot(out, x.scale() + cs);
            code.add(new Instruction.ConvPublic(slot, x.slot(), encode(c, cs), p, site));
            y = normalize(new Sec(slot, x.scale() + cs));
        }
        if (in.size() < 3 || in.get(2) == null) {
            return y;
        }
        Shape biasShape = Shape.of(1, out.dim(1), 1, 1);
        Lowered bias = in.get(2) instanceof Pub b ? new Pub(Linearizer.toFloat(b.t()).reshape(biasShape))
            : reshape((Sec) in.get(2), biasShape);
        return bias instanceof Sec b ? addSecrets(y, b, false, out)
            : addPublic(y, Linearizer.toFloat(((Pub) bias).t()), out);
    }

    private Lowered reduceSum(Node n, List<Lowered> in) {
        Sec x = (Sec) in.get(0);
        int rank = shapes.get(x.slot()).rank();
        long[] listed = n.has("axes") ? n.intsAttr("axes", null)
            : in.size() > 1 && in.get(1) != null ? ((LongTensor) ((Pub) in.get(1)).t()).data() : new long[0];
        int[] axes;
        if (listed.length == 0) {
            if (n.intAttr("noop_with_empty_axes", 0) != 0) {
                return x;
            }
            axes = shapes.get(x.slot()).allAxes();
        } else {
            axes = new int[listed.length];
            for (int i = 0; i < axes.length; i++) {
                axes[i] = (int) (listed[i] < 0 ? listed[i] + rank : listed[i]);
            }
        }
        int slot = newSlot(n.output(0).shape(), x.scale());
        code.add(new Instruction.ReduceSum(slot, x.slot(), axes, n.intAttr("keepdims", 1) != 0, site));
        return new Sec(slot, x.scale());
    }

    private Lowered ltz(Node n, Sec x) {
        long given = n.intAttr("bits", 0);
        int bits;
        if (given > 0) {
            bits = (int) given;
        } else {
            Double range = ranges.get(n.name());
            bits = range == null ? ComparisonWidths.FULL : ComparisonWidths.bits(range, x.scale());
        }
        int slot = newSlot(n.output(0).shape(), 0);
        code.add(new Instruction.Ltz(slot, x.slot(), bits, site));
        return new Sec(slot, 0);
    }

    /** Rows of {@code table} picked by secret indices: one-hot rows (scale 0) times the table, no truncation. */
    private Lowered secretGather(Node n, Lowered table, Sec idx) {
        if (!oneHotSlots.contains(idx.slot())) {
            throw new IllegalArgumentException("secret indices must come straight from an integer graph input used "
                + "only to gather rows of 2-D tables (so its owner can one-hot encode them)");
        }
        return matmul(n, idx, table);
    }

    private Lowered move(Node n, List<Lowered> in) {
        boolean concat = n.opType().equals("Concat");
        for (int k = 1; k < in.size() && !concat; k++) {
            if (in.get(k) instanceof Sec) {
                throw new IllegalArgumentException("input " + k + " (shape, index or pad operand) must be public");
            }
        }
        if (n.opType().equals("Pad")) {
            checkZeroPad(n, in);
        }
        int scale = 0;
        for (int k = 0; k < (concat ? in.size() : 1); k++) {
            if (in.get(k) instanceof Sec s) {
                scale = Math.max(scale, s.scale());
            }
        }
        List<Integer> slots = new ArrayList<>();
        List<Tensor> constants = new ArrayList<>();
        for (int k = 0; k < in.size(); k++) {
            Lowered l = in.get(k);
            boolean data = k == 0 || concat;
            if (data && l != null) {
                Sec s = secret(l, n.input(k).shape(), scale);
                slots.add(rescale(s, scale).slot());
                constants.add(null);
            } else {
                slots.add(-1);
                constants.add(l == null ? null : ((Pub) l).t());
            }
        }
        int slot = newSlot(n.output(0).shape(), scale);
        code.add(new Instruction.Move(slot, slots, constants, n, g.opset(), site));
        return new Sec(slot, scale);
    }

    private static void checkZeroPad(Node n, List<Lowered> in) {
        double value = n.has("value") ? n.floatAttr("value", 0) : in.size() > 2 && in.get(2) instanceof Pub p
            ? Linearizer.toFloat(p.t()).data()[0] : 0;
        if (!n.stringAttr("mode", "constant").equals("constant") || value == 0) {
            return;
        }
        throw new IllegalArgumentException("padding a secret with the non-zero constant " + value
            + " is not supported");
    }

    // ---- helpers ----

    private interface UnaryFactory {
        Instruction make(int out, int a);
    }

    private Sec unary(Sec a, UnaryFactory make) {
        int slot = newSlot(shapes.get(a.slot()), a.scale());
        code.add(make.make(slot, a.slot()));
        return new Sec(slot, a.scale());
    }

    /** A public value as a trivial sharing at scale f (needed where a secret is expected, e.g. an output). */
    private Sec secret(Lowered l, Shape shape) {
        return secret(l, shape, f);
    }

    private Sec secret(Lowered l, Shape shape, int scale) {
        if (l instanceof Sec s) {
            return s;
        }
        FloatTensor c = Linearizer.toFloat(((Pub) l).t());
        int slot = newSlot(shape, scale);
        code.add(new Instruction.SharePublic(slot, encode(c, scale), site));
        return new Sec(slot, scale);
    }

    /** Truncates a product back to f fractional bits when it has more. */
    private Sec normalize(Sec x) {
        if (x.scale() <= f) {
            return x;
        }
        int slot = newSlot(shapes.get(x.slot()), f);
        code.add(new Instruction.Truncate(slot, x.slot(), x.scale() - f, options.truncation(), site));
        return new Sec(slot, f);
    }

    /** Raises the scale by multiplying with a power of two (exact). */
    private Sec rescale(Sec x, int scale) {
        if (x.scale() == scale) {
            return x;
        }
        int slot = newSlot(shapes.get(x.slot()), scale);
        code.add(new Instruction.MulPublic(slot, x.slot(), LongTensor.scalar(1L << (scale - x.scale())), site));
        return new Sec(slot, scale);
    }

    private Sec broadcast(Sec x, Shape shape) {
        if (shapes.get(x.slot()).equals(shape)) {
            return x;
        }
        int slot = newSlot(shape, x.scale());
        code.add(new Instruction.Reshape(slot, x.slot(), shape, false, site));
        return new Sec(slot, x.scale());
    }

    private Sec reshape(Sec x, Shape shape) {
        int slot = newSlot(shape, x.scale());
        code.add(new Instruction.Reshape(slot, x.slot(), shape, true, site));
        return new Sec(slot, x.scale());
    }

    private int newSlot(Shape shape, int scale) {
        if (shape == null) {
            throw new IllegalStateException("value without inferred shape");
        }
        shapes.add(shape);
        scales.add(scale);
        return shapes.size() - 1;
    }

    private LongTensor encode(FloatTensor c, int scale) {
        return FixedPoint.encode(c, scale);
    }

    private static boolean integral(FloatTensor c) {
        for (double v : c.data()) {
            if (v != Math.rint(v)) {
                return false;
            }
        }
        return true;
    }

    private static Shape appendDim(Shape s, int d) {
        int[] dims = java.util.Arrays.copyOf(s.dims(), s.rank() + 1);
        dims[s.rank()] = d;
        return Shape.of(dims);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> s = new java.util.HashSet<>(a);
        s.addAll(b);
        return Set.copyOf(s);
    }
}
