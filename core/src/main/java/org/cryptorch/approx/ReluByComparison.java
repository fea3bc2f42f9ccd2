package org.cryptorch.approx;

import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Value;

/** Exact ReLU {@code x - x Ltz(x)}: one comparison and one product; the width knob bounds the input range. */
final class ReluByComparison extends BaseApproximation {
    ReluByComparison() {
        super("relu.ltz", "Relu", "x * (1 - Ltz(x)), exact up to the comparison width",
            List.of(ComparisonBits.KNOB));
    }

    @Override
    public Range documentedRange(KnobValues knobs) {
        double bound = ComparisonBits.bound(ComparisonBits.of(knobs));
        return new Range(-bound, bound);
    }

    @Override
    public List<Value> build(Emitter e, List<Value> inputs, Map<String, Attribute> attributes, KnobValues knobs) {
        Value x = inputs.get(0);
        return List.of(e.sub(x, e.mul(x, e.ltz(x, ComparisonBits.of(knobs)))));
    }
}
