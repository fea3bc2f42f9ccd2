package org.cryptorch.cli.approx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cryptorch.approx.Approximation;
import org.cryptorch.approx.Approximation.Range;
import org.cryptorch.approx.Emitter;
import org.cryptorch.approx.KnobValues;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Value;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * One sample site of an op for measuring an approximation: the secret input {@code x} sampled over a documented
 * range, the op's other (public) inputs and attributes, and two graphs over {@code x}: the exact op and its
 * approximation. Element-wise ops get a dense grid (geometric for wide positive ranges); row ops (softmax, layer
 * norm, max) get seeded random rows that include both ends of the range.
 */
public record SampleSite(String op, FloatTensor x, List<Tensor> otherInputs, Map<String, Attribute> attributes) {
    private static final int GRID = 4001;
    private static final long SEED = 20261126L;

    public static SampleSite of(String op, Range range) {
        Random random = new Random(SEED);
        return switch (op) {
            case "Softmax", "LogSoftmax" -> new SampleSite(op, rows(random, range, 8, 128), List.of(),
                Map.of("axis", Attribute.of("axis", -1L)));
            case "MaskedSoftmax" -> new SampleSite(op, rows(random, range, 8, 128), List.of(keep(random, 8, 128)),
                Map.of("axis", Attribute.of("axis", -1L)));
            case "LayerNormalization" -> new SampleSite(op, rows(random, range, 8, 64),
                List.of(uniform(random, Shape.of(64), 0.5, 1.5), uniform(random, Shape.of(64), -1, 1)),
                Map.of("axis", Attribute.of("axis", -1L), "epsilon", Attribute.of("epsilon", 1e-5)));
            case "ReduceMax" -> new SampleSite(op, rows(random, range, 8, 37), List.of(),
                Map.of("axes", Attribute.ofInts("axes", 1), "keepdims", Attribute.of("keepdims", 0L)));
            case "MaxPool" -> new SampleSite(op, uniform(random, Shape.of(1, 2, 9, 9), range.lo(), range.hi()),
                List.of(), Map.of("kernel_shape", Attribute.ofInts("kernel_shape", 3, 3),
                    "strides", Attribute.ofInts("strides", 2, 2), "pads", Attribute.ofInts("pads", 1, 1, 1, 1)));
            default -> new SampleSite(op, grid(range), List.of(), Map.of());
        };
    }

    /** The graph computing the op exactly on {@code x} (Rsqrt, which ONNX lacks, as Reciprocal of Sqrt). */
    public Graph exactGraph() {
        Graph g = new Graph();
        List<Value> in = inputs(g);
        Value y = op.equals("Rsqrt") ? g.op("Reciprocal", g.op("Sqrt", in.get(0)))
            : g.addNode(op, in, 1, attributes).output(0);
        g.addOutput(y);
        return g;
    }

    /** The graph computing {@code a} with {@code knobs} (completed with defaults) on {@code x}. */
    public Graph approximatedGraph(Approximation a, KnobValues knobs) {
        Graph g = new Graph();
        List<Value> out = new Emitter(g).apply(a, inputs(g), attributes, knobs);
        g.addOutput(out.get(0));
        return g;
    }

    public Map<String, Tensor> feed() {
        return Map.of("x", x);
    }

    private List<Value> inputs(Graph g) {
        List<Value> in = new ArrayList<>();
        in.add(g.addInput("x", DType.FLOAT32, x.shape()));
        for (Tensor t : otherInputs) {
            in.add(g.constant(t));
        }
        return in;
    }

    /** A grid over the range: geometric when it is positive and spans two decades or more; mirrored if asked. */
    private static FloatTensor grid(Range r) {
        boolean geometric = r.lo() > 0 && r.hi() / r.lo() >= 100;
        double[] v = new double[r.mirrored() ? 2 * GRID : GRID];
        for (int i = 0; i < GRID; i++) {
            double f = i / (GRID - 1.0);
            v[i] = geometric ? r.lo() * Math.pow(r.hi() / r.lo(), f) : r.lo() + f * (r.hi() - r.lo());
            if (r.mirrored()) {
                v[GRID + i] = -v[i];
            }
        }
        return new FloatTensor(Shape.of(v.length), v, DType.FLOAT32);
    }

    /** Random rows in the range; row 0 holds both ends so the extremes are always exercised. */
    private static FloatTensor rows(Random random, Range r, int rows, int length) {
        FloatTensor t = uniform(random, Shape.of(rows, length), r.lo(), r.hi());
        t.data()[0] = r.lo();
        t.data()[1] = r.hi();
        return t;
    }

    private static FloatTensor uniform(Random random, Shape shape, double lo, double hi) {
        double[] v = new double[shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = lo + (hi - lo) * random.nextDouble();
        }
        return new FloatTensor(shape, v, DType.FLOAT32);
    }

    /** About a third of the entries masked; row 0 fully kept, row 1 fully masked. */
    private static LongTensor keep(Random random, int rows, int length) {
        long[] k = new long[rows * length];
        for (int i = 0; i < k.length; i++) {
            int row = i / length;
            k[i] = row == 0 ? 1 : row == 1 ? 0 : random.nextInt(3) == 0 ? 0 : 1;
        }
        return new LongTensor(Shape.of(rows, length), k, DType.BOOL);
    }
}
