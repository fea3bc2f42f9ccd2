package org.cryptorch.approx;

import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Value;

/** ONNX Sign, exact including Sign(0) = 0: [-x < 0] - [x < 0], both tests in one comparison, no product. */
final class SignComparison extends BaseApproximation {
    SignComparison() {
        super("sign.comparison", "Sign", "exact: [x > 0] - [x < 0] from one comparison of x and -x",
            List.of(ComparisonBits.KNOB));
    }

    @Override
    public Range documentedRange(KnobValues knobs) {
        return LowDepth.decided(DifferenceComparison.RANGE, ComparisonBits.of(knobs), 0);
    }

    @Override
    public List<Value> build(Emitter e, List<Value> inputs, Map<String, Attribute> attributes, KnobValues knobs) {
        Value x = inputs.get(0);
        List<Value> negative = LowDepth.ltzAll(e, ComparisonBits.of(knobs), List.of(e.neg(x), x));
        return List.of(e.sub(negative.get(0), negative.get(1)));
    }
}
