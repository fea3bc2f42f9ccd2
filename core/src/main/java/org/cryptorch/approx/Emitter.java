package org.cryptorch.approx;

import java.util.List;
import java.util.Map;
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

    /** 1 where {@code x < 0}, else 0; {@code bits} low bits compared, 0 to let the lowering choose. */
    public Value ltz(Value x, int bits) {
        return graph.op(Primitives.LTZ, bits > 0 ? Map.of("bits", Attribute.of("bits", (long) bits)) : Map.of(), x);
    }

    /** {@code cond ? a : b} for a 0/1 {@code cond}, with one product: b + cond * (a - b). */
    public Value select(Value cond, Value a, Value b) {
        return add(b, mul(cond, sub(a, b)));
    }

    public Value matmul(Value a, Value b) {
        return graph.op("MatMul", a, b);
    }

    /** Sum along {@code axis}. */
    public Value reduceSum(Value x, int axis, boolean keepDims) {
        Value axes = graph.constant(LongTensor.of(Shape.of(1), axis));
        return graph.op("ReduceSum", Map.of("keepdims", Attribute.of("keepdims", keepDims ? 1L : 0L)), x, axes);
    }

    /**
     * Emits the nested approximation chosen by {@code knobs} under {@code knob} (an APPROXIMATION knob of the caller):
     * e.g. {@code e.nested("exp", knobs, x)} inside a softmax.
     */
    public Value nested(String knob, KnobValues knobs, Value x) {
        Approximation a = Approximations.get(knobs.choice(knob));
        return a.build(this, List.of(x), Map.of(), knobs.sub(knob)).get(0);
    }

    /** Emits {@code a} on {@code inputs} with the given attributes and (complete) knobs. */
    public List<Value> apply(Approximation a, List<Value> inputs, Map<String, Attribute> attributes, KnobValues knobs) {
        return a.build(this, inputs, attributes, knobs.complete(a));
    }
}
