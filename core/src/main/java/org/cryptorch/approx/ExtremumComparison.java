package org.cryptorch.approx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Value;

/**
 * ONNX Max / Min of tensors (element-wise, broadcasting): for two, b + [b < a] (a - b) resp. a + [b < a] (b - a),
 * one comparison and one product; more inputs are reduced as a balanced tree (ceil(log2 n) comparisons deep).
 */
final class ExtremumComparison implements Approximation {
    private final boolean max;

    ExtremumComparison(boolean max) {
        this.max = max;
    }

    @Override
    public String name() {
        return (max ? "max" : "min") + ".elementwise";
    }

    @Override
    public String op() {
        return max ? "Max" : "Min";
    }

    @Override
    public String description() {
        return "exact: one comparison of the difference and one product per pair, balanced tree over the inputs";
    }

    @Override
    public List<Knob> knobs() {
        return List.of(ComparisonBits.KNOB);
    }

    @Override
    public Range documentedRange(KnobValues knobs) {
        return ExactComparison.RANGE;
    }

    @Override
    public List<Value> build(Emitter e, List<Value> inputs, Map<String, Attribute> attributes, KnobValues knobs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException(op() + " needs at least one input");
        }
        int bits = ComparisonBits.of(knobs);
        List<Value> level = inputs;
        while (level.size() > 1) {
            List<Value> next = new ArrayList<>();
            for (int i = 0; i + 1 < level.size(); i += 2) {
                next.add(pair(e, level.get(i), level.get(i + 1), bits));
            }
            if (level.size() % 2 == 1) {
                next.add(level.get(level.size() - 1));
            }
            level = next;
        }
        return List.of(level.get(0));
    }

    private Value pair(Emitter e, Value a, Value b, int bits) {
        Value aMinusB = e.sub(a, b);
        Value bBelowA = e.ltz(e.neg(aMinusB), bits);
        return max ? e.add(b, e.mul(bBelowA, aMinusB)) : e.sub(a, e.mul(bBelowA, aMinusB));
    }
}
