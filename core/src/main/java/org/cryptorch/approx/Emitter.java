package org.cryptorch.approx;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Value;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;

/**
 * What an approximation writes with: emits {@link Primitives} into a graph (in place of the site being replaced).
 * Products of two secrets cost a round and are emitted with {@link #mul}; products with constants are local.
 */
public final class Emitter {
    private final Graph graph;
    /** See {@link #boundingComparisons}; 0 = none. */
    private double comparisonBound;

    public Emitter(Graph graph) {
        this.graph = graph;
    }

    public Graph graph() {
        return graph;
    }

    public Value constant(double c) {
        return graph.constant(FloatTensor.scalar(c));
    }

    public Value add(Value a, Value b) {
        return graph.op("Add", a, b);
    }

    public Value sub(Value a, Value b) {
        return graph.op("Sub", a, b);
    }

    public Value neg(Value a) {
        return graph.op("Neg", a);
    }

    /** Element-wise product (broadcasting); one round when both are secret. */
    public Value mul(Value a, Value b) {
        return graph.op("Mul", a, b);
    }

    public Value square(Value a) {
        return mul(a, a);
    }

    public Value addConst(Value a, double c) {
        return add(a, constant(c));
    }

    /** Product with a public constant: local (plus a truncation when c is not an integer). */
    public Value mulConst(Value a, double c) {
        return mul(a, constant(c));
    }

    /**
     * Polynomial {@code c[0] + c[1] x + ...} by Horner's rule: degree - 1 secret products in sequence (each a round).
     */
    public Value polynomial(Value x, double... c) {
        if (c.length == 1) {
            return constant(c[0]);
        }
        Value acc = addConst(mulConst(x, c[c.length - 1]), c[c.length - 2]);
        for (int i = c.length - 3; i >= 0; i--) {
            acc = addConst(mul(acc, x), c[i]);
        }
        return acc;
    }

    /**
     * 1 where {@code x < 0}, else 0; {@code bits} low bits compared (8..64), 0 to let the lowering choose from
     * calibration, or without calibration from the bound set by {@link #boundingComparisons} (else 64 bits).
     */
    public Value ltz(Value x, int bits) {
        ComparisonBits.check(bits);
        if (bits > 0) {
            return graph.op(Primitives.LTZ, Map.of("bits", Attribute.of("bits", (long) bits)), x);
        }
        return graph.op(Primitives.LTZ, comparisonBound > 0
            ? Map.of(Primitives.LTZ_BOUND, Attribute.of(Primitives.LTZ_BOUND, comparisonBound)) : Map.of(), x);
    }

    /**
     * Emits {@code body} with every width-free comparison it makes itself (not those of nested approximations)
     * declared to see |x| <= {@code maxAbs}: what an approximation's documented range implies for its comparisons
     * (e.g. a softmax on [-32, 32] compares differences of at most 64). Without calibration the lowering sizes such
     * a comparison for that bound instead of 64 bits; inputs outside the documented range are outside what the
     * approximation promises anyway.
     */
    public <T> T boundingComparisons(double maxAbs, Supplier<T> body) {
        double outer = comparisonBound;
        comparisonBound = maxAbs;
        try {
            return body.get();
        } finally {
            comparisonBound = outer;
        }
    }

    /** 1 where {@code x >= threshold}, else 0: one comparison. */
    public Value atLeast(Value x, double threshold, int bits) {
        return sub(constant(1), ltz(threshold == 0 ? x : addConst(x, -threshold), bits));
    }

    /** The larger of {@code a} and {@code b} element-wise: one comparison and one product. */
    public Value max(Value a, Value b, int bits) {
        return select(ltz(sub(a, b), bits), b, a);
    }

    /** {@code cond ? a : b} for a 0/1 {@code cond}, with one product: b + cond * (a - b). */
    public Value select(Value cond, Value a, Value b) {
        return add(b, mul(cond, sub(a, b)));
    }

    /** Elements {@code start, start + step, ...} below {@code end} along {@code axis}. */
    public Value slice(Value x, int axis, long start, long end, long step) {
        return graph.op("Slice", x, longs(start), longs(end), longs(axis), longs(step));
    }

    public Value concat(int axis, List<Value> parts) {
        return graph.op("Concat", Map.of("axis", Attribute.of("axis", (long) axis)), parts.toArray(Value[]::new));
    }

    /** Drops the given axes, each of size 1. */
    public Value squeeze(Value x, long... axes) {
        return graph.op("Squeeze", x, longs(axes));
    }

    /** The static dimensions of {@code x}; approximations that slice need them (known after shape inference). */
    public int[] dims(Value x) {
        if (x.shape() == null) {
            throw new IllegalArgumentException("value '" + x.name() + "' has no static shape; run shape inference"
                + " before applying approximations that slice it");
        }
        return x.shape().dims();
    }

    private Value longs(long... v) {
        return graph.constant(LongTensor.of(Shape.of(v.length), v));
    }

    public Value matmul(Value a, Value b) {
        return graph.op("MatMul", a, b);
    }

    /** Sum along {@code axis}. */
    public Value reduceSum(Value x, int axis, boolean keepDims) {
        return reduceSum(x, new long[] {axis}, keepDims);
    }

    /** Sum along several axes. */
    public Value reduceSum(Value x, long[] axes, boolean keepDims) {
        return graph.op("ReduceSum", Map.of("keepdims", Attribute.of("keepdims", keepDims ? 1L : 0L)), x,
            longs(axes));
    }

    /**
     * Emits the nested approximation chosen by {@code knobs} under {@code knob} (an APPROXIMATION knob of the caller):
     * e.g. {@code e.nested("exp", knobs, x)} inside a softmax.
     */
    public Value nested(String knob, KnobValues knobs, Value x) {
        Approximation a = Approximations.get(knobs.choice(knob));
        // a nested approximation's comparisons see its own quantities (e.g. a row sum), not the outer bound
        return boundingComparisons(0, () -> a.build(this, List.of(x), Map.of(), knobs.sub(knob)).get(0));
    }

    /** Emits {@code a} on {@code inputs} with the given attributes and (complete) knobs. */
    public List<Value> apply(Approximation a, List<Value> inputs, Map<String, Attribute> attributes, KnobValues knobs) {
        return a.build(this, inputs, attributes, knobs.complete(a));
    }
}
