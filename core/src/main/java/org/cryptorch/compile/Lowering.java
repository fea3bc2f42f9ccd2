package org.cryptorch.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cryptorch.approx.Primitives;
import org.cryptorch.compile.Lowered.Pub;
import org.cryptorch.compile.Lowered.Sec;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.OpTable;
import org.cryptorch.ir.SpatialWindow;
import org.cryptorch.ir.UnsupportedModelException;
import org.cryptorch.ir.Value;
import org.cryptorch.mpc.Convolution;
import org.cryptorch.mpc.ElementwiseProduct;
import org.cryptorch.mpc.LessThanZero;
import org.cryptorch.mpc.MatrixProduct;
import org.cryptorch.mpc.Protocol;
import org.cryptorch.reference.Ops;
import org.cryptorch.tensor.FixedPoint;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * Lowers an approximated graph (primitives only) to fixed-point {@link Code}, tracking for every secret value
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
    private final Graph g;
    private final CompileOptions options;
    private final Weights weights;
    private final int f;
    private final SlotWriter w;
    private final List<Instruction.Weight> setup = new ArrayList<>();
    private final Map<Value, Lowered> env = new HashMap<>();
    private final Map<Tensor, Sec> weightSlots = new IdentityHashMap<>();
    private final Set<Integer> oneHotSlots = new java.util.HashSet<>();
    private final Map<String, Integer> widths = new java.util.LinkedHashMap<>();

    Lowering(Graph g, CompileOptions options, Weights weights) {
        this.g = g;
        this.options = options;
        this.weights = weights;
        this.f = options.fractionalBits();
        this.w = new SlotWriter(options);
    }

    Code lower() {
        for (Value in : g.inputs()) {
            w.site(in.name());
            input(in);
        }
        for (Node n : g.nodes()) {
            w.site(Approximator.siteOf(n.name()));
            try {
                lowerNode(n);
            } catch (IllegalArgumentException e) {
                // what the lowering refuses (a secret where it needs a public value, an unsupported form of an op)
                throw new UnsupportedModelException("node '" + n.name() + "' (" + n.opType() + "): " + e.getMessage(),
                    e);
            } catch (RuntimeException e) {
                throw new IllegalStateException("lowering node '" + n.name() + "' (" + n.opType() + ") crashed: " + e,
                    e);
            }
        }
        for (Value out : g.outputs()) {
            w.site(out.name());
            Sec s = w.secret(value(out), out.shape());
            w.emit(new Instruction.Output(s.slot(), out.name(), options.ownership().receiverOfOutput(out.name()),
                s.scale(), w.site()));
        }
        return w.code(setup, widths);
    }

    // ---- inputs and values ----

    private void input(Value in) {
        int owner = options.ownership().ownerOfInput(in.name());
        boolean integer = in.dtype() != null && !in.dtype().isFloat();
        int depth = integer ? oneHotDepth(in) : 0;
        Shape shape = depth > 0 ? appendDim(in.shape(), depth) : in.shape();
        int scale = integer ? 0 : f;
        int slot = w.newSlot(shape, scale);
        w.emit(new Instruction.Input(slot, in.name(), owner, shape, scale, depth, w.site()));
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
            int slot = w.newSlot(t.shape(), f);
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
            case "Neg" -> w.unary((Sec) in.get(0), (o, a) -> new Instruction.Neg(o, a, w.site()));
            case "Mul" -> mul(n, in.get(0), in.get(1));
            case "MatMul" -> matmul(n, in.get(0), in.get(1));
            case "Conv" -> conv(n, in);
            case "ReduceSum" -> reduceSum(n, in);
            case Primitives.LTZ -> ltz(n, (Sec) in.get(0));
            case "Gather" -> in.get(1) instanceof Sec idx ? secretGather(n, in.get(0), idx) : move(n, in);
            case "Cast" -> cast(n, (Sec) in.get(0));
            default -> {
                if (OpTable.of(n.opType()).mpc() == OpTable.Mpc.MOVED) {
                    yield move(n, in);
                }
                throw new IllegalArgumentException("not an MPC primitive and not supported by the lowering (the "
                    + "plan should approximate it)");
            }
        };
        env.put(n.output(0), out);
    }

    /**
     * Shares keep their value under a Cast to a real type, and under one to an integer or bool type when they hold
     * integers (scale 0: integer inputs, comparison results). A cast to bool is then exact for 0/1 values only,
     * which is what masks hold (an attention mask cast to bool for a MaskedSoftmax); truncating a real is refused.
     */
    private Lowered cast(Node n, Sec x) {
        if (!n.output(0).dtype().isFloat() && x.scale() != 0) {
            throw new IllegalArgumentException("a cast of a secret real to " + n.output(0).dtype()
                + " (rounding) is not supported");
        }
        return x;
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
            return w.addSecrets(x, y, subtract, out);
        }
        boolean secretFirst = a instanceof Sec;
        Sec s = secretFirst ? (Sec) a : (Sec) b;
        FloatTensor c = Linearizer.toFloat(((Pub) (secretFirst ? b : a)).t());
        if (subtract && secretFirst) {
            c = c.map(v -> -v);
        }
        if (subtract && !secretFirst) {
            s = w.unary(s, (o, x) -> new Instruction.Neg(o, x, w.site()));
        }
        return w.addPublic(s, c, out);
    }

    private Lowered mul(Node n, Lowered a, Lowered b) {
        Shape out = n.output(0).shape();
        if (a instanceof Sec x && b instanceof Sec y) {
            Sec xb = w.broadcast(x, out);
            Sec yb = x.slot() == y.slot() ? xb : w.broadcast(y, out);
            Protocol product = xb.slot() == yb.slot() ? ElementwiseProduct.SQUARE : ElementwiseProduct.MUL;
            return w.product(out, x.scale() + y.scale(), o -> new Instruction.Call(o, List.of(xb.slot(), yb.slot()),
                product, w.site()));
        }
        Sec s = a instanceof Sec x ? x : (Sec) b;
        FloatTensor c = Linearizer.toFloat(((Pub) (a instanceof Sec ? b : a)).t());
        int cs = w.factorScale(c);
        return w.product(out, s.scale() + cs, o -> new Instruction.MulPublic(o, s.slot(), FixedPoint.encode(c, cs),
            w.site()));
    }

    private Lowered matmul(Node n, Lowered a, Lowered b) {
        Shape out = n.output(0).shape();
        if (a instanceof Sec x && b instanceof Sec y) {
            return w.product(out, x.scale() + y.scale(), o -> new Instruction.Call(o, List.of(x.slot(), y.slot()),
                MatrixProduct.INSTANCE, w.site()));
        }
        boolean publicLeft = a instanceof Pub;
        Sec s = publicLeft ? (Sec) b : (Sec) a;
        FloatTensor c = Linearizer.toFloat(((Pub) (publicLeft ? a : b)).t());
        int cs = w.factorScale(c);
        return w.product(out, s.scale() + cs, o -> new Instruction.MatMulPublic(o, s.slot(), FixedPoint.encode(c, cs),
            publicLeft, w.site()));
    }

    private Lowered conv(Node n, List<Lowered> in) {
        if (!(in.get(0) instanceof Sec x)) {
            throw new IllegalArgumentException("a public input convolved with secret weights is not supported");
        }
        Shape xs = w.shape(x.slot());
        Tensor publicWeights = in.get(1) instanceof Pub p ? p.t() : null;
        Shape ws = publicWeights != null ? publicWeights.shape() : w.shape(((Sec) in.get(1)).slot());
        if (xs.rank() != 4) {
            throw new IllegalArgumentException("only 2-D convolutions are supported, input " + xs);
        }
        SpatialWindow win = SpatialWindow.of(n, new int[] {xs.dim(2), xs.dim(3)}, new int[] {ws.dim(2), ws.dim(3)});
        Convolution p = new Convolution(win.strides(), new int[] {win.pads()[0], win.pads()[1],
            win.pads()[2], win.pads()[3]}, win.dilations(), (int) n.intAttr("group", 1));
        Shape out = n.output(0).shape();
        Sec y;
        if (in.get(1) instanceof Sec k) {
            y = w.product(out, x.scale() + k.scale(), o -> new Instruction.Call(o, List.of(x.slot(), k.slot()), p,
                w.site()));
        } else {
            FloatTensor c = Linearizer.toFloat(publicWeights);
            int cs = w.factorScale(c);
            y = w.product(out, x.scale() + cs, o -> new Instruction.ConvPublic(o, x.slot(), FixedPoint.encode(c, cs), p,
                w.site()));
        }
        if (in.size() < 3 || in.get(2) == null) {
            return y;
        }
        Shape biasShape = Shape.of(1, out.dim(1), 1, 1);
        Lowered bias = in.get(2) instanceof Pub b ? new Pub(Linearizer.toFloat(b.t()).reshape(biasShape))
            : w.reshape((Sec) in.get(2), biasShape);
        return bias instanceof Sec b ? w.addSecrets(y, b, false, out)
            : w.addPublic(y, Linearizer.toFloat(((Pub) bias).t()), out);
    }

    private Lowered reduceSum(Node n, List<Lowered> in) {
        Sec x = (Sec) in.get(0);
        int rank = w.shape(x.slot()).rank();
        long[] listed = n.has("axes") ? n.intsAttr("axes", null)
            : in.size() > 1 && in.get(1) != null ? ((LongTensor) ((Pub) in.get(1)).t()).data() : new long[0];
        int[] axes;
        if (listed.length == 0) {
            if (n.intAttr("noop_with_empty_axes", 0) != 0) {
                return x;
            }
            axes = w.shape(x.slot()).allAxes();
        } else {
            axes = new int[listed.length];
            for (int i = 0; i < axes.length; i++) {
                axes[i] = (int) (listed[i] < 0 ? listed[i] + rank : listed[i]);
            }
        }
        int slot = w.newSlot(n.output(0).shape(), x.scale());
        w.emit(new Instruction.ReduceSum(slot, x.slot(), axes, n.intAttr("keepdims", 1) != 0, w.site()));
        return new Sec(slot, x.scale());
    }

    private Lowered ltz(Node n, Sec x) {
        long given = n.intAttr("bits", 0);
        Integer fixed = options.comparisonWidths().get(n.name());
        double bound = n.floatAttr(Primitives.LTZ_BOUND, 0);
        int bits = given > 0 ? (int) given : fixed != null ? fixed
            : n.has(ComparisonWidths.CALIBRATED_RANGE) ? ComparisonWidths.bits(n.floatAttr(
                ComparisonWidths.CALIBRATED_RANGE, 0), x.scale())
            : bound > 0 ? ComparisonWidths.bits(bound, x.scale()) : ComparisonWidths.FULL;
        widths.put(n.name(), bits);
        int slot = w.newSlot(n.output(0).shape(), 0);
        w.emit(new Instruction.Call(slot, List.of(x.slot()), new LessThanZero(bits, false), w.site()));
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
                Sec s = w.secret(l, n.input(k).shape(), scale);
                slots.add(w.rescale(s, scale).slot());
                constants.add(null);
            } else {
                slots.add(-1);
                constants.add(l == null ? null : ((Pub) l).t());
            }
        }
        int slot = w.newSlot(n.output(0).shape(), scale);
        w.emit(new Instruction.Move(slot, slots, constants, detached(n), g.opset(), w.site()));
        return new Sec(slot, scale);
    }

    /**
     * A copy of {@code n} with its op, name, attributes and number of outputs but no input edges: all a kernel
     * reads. The program keeps its Move nodes, and the graph's own node would keep the whole graph alive through
     * its inputs' producers, with every weight (680 MB of doubles for BERT-base).
     */
    private static Node detached(Node n) {
        List<Value> outs = new ArrayList<>();
        Graph holder = new Graph();
        n.outputs().forEach(v -> outs.add(holder.newValue(v == null ? null : v.name())));
        return holder.addNode(n.opType(), n.domain(), n.name(), List.of(), outs, n.attributes());
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

    private static Shape appendDim(Shape s, int d) {
        int[] dims = java.util.Arrays.copyOf(s.dims(), s.rank() + 1);
        dims[s.rank()] = d;
        return Shape.of(dims);
    }
}
