package org.cryptorch.approx;

import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Value;

/** {@code sqrt(x) = x rsqrt(x)} with a nested rsqrt (CrypTen's and SPU's construction): one more product. */
final class SqrtByRsqrt extends BaseApproximation {
    SqrtByRsqrt() {
        super("sqrt.rsqrt", "Sqrt", "x * rsqrt(x) with a nested rsqrt", List.of(
            Knob.approximation("rsqrt", "the inverse square root", "Rsqrt", "rsqrt.normalized")));
    }

    @Override
    public Range documentedRange(KnobValues knobs) {
        return Approximations.get(knobs.choice("rsqrt")).documentedRange(knobs.sub("rsqrt"));
    }

    @Override
    public List<Value> build(Emitter e, List<Value> inputs, Map<String, Attribute> attributes, KnobValues knobs) {
        Value x = inputs.get(0);
        return List.of(e.mul(x, e.nested("rsqrt", knobs, x)));
    }
}
