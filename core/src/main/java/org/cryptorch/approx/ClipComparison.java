package org.cryptorch.approx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Value;

/**
 * ONNX Clip: x + [x < lo] (lo - x) + [hi < x] (hi - x), exact for lo <= hi. Both tests are one comparison and the
 * two products run in parallel. Bounds come from inputs 1 and 2 (opset 11 on; public or secret, broadcasting to
 * x's shape) or the min/max attributes (older opsets); an absent bound is no test.
 */
final class ClipComparison extends DifferenceComparison {
    ClipComparison() {
        super("clip.comparison", "Clip", "exact: both bound tests in one comparison, two parallel products");
    }

    @Override
    public List<Value> build(Emitter e, List<Value> inputs, Map<String, Attribute> attributes, KnobValues knobs) {
        Value lo = bound(e, inputs, 1, attributes.get("min"));
        Value hi = bound(e, inputs, 2, attributes.get("max"));
        return List.of(clamp(e, inputs.get(0), lo, hi, ComparisonBits.of(knobs)));
    }

    private static Value bound(Emitter e, List<Value> inputs, int index, Attribute legacy) {
        if (index < inputs.size() && inputs.get(index) != null) {
            return inputs.get(index);
        }
        return legacy == null ? null : e.constant(legacy.asFloat());
    }

    /** {@code x} clamped to [lo, hi]; a null bound is absent. */
    static Value clamp(Emitter e, Value x, Value lo, Value hi, int bits) {
        List<Value> differences = new ArrayList<>();
        if (lo != null) {
            differences.add(e.sub(x, lo));
        }
        if (hi != null) {
            differences.add(e.sub(hi, x));
        }
        if (differences.isEmpty()) {
            return x;
        }
        List<Value> outside = LowDepth.ltzAll(e, bits, differences);
        Value out = x;
        for (int i = 0; i < differences.size(); i++) {
            // below lo, x - lo < 0 and x must move by lo - x = -(x - lo); above hi by hi - x, the difference itself
            Value shift = i == 0 && lo != null ? e.neg(differences.get(i)) : differences.get(i);
            out = e.add(out, e.mul(outside.get(i), shift));
        }
        return out;
    }
}
