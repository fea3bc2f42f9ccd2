package org.cryptorch.approx;

import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Value;

/**
 * ONNX Where with a secret 0/1 condition: y + cond (x - y), one product (broadcasting as Where does). No
 * comparison of its own (the condition comes from one), hence no bits knob.
 */
final class WhereSelect extends BaseApproximation {
    WhereSelect() {
        super("where.select", "Where", "exact: y + cond * (x - y), one product", List.of());
    }

    @Override
    public Range documentedRange(KnobValues knobs) {
        return DifferenceComparison.RANGE;
    }

    @Override
    public List<Value> build(Emitter e, List<Value> inputs, Map<String, Attribute> attributes, KnobValues knobs) {
        if (inputs.size() != 3) {
            throw new IllegalArgumentException("Where takes condition, x and y; got " + inputs.size() + " inputs");
        }
        return List.of(e.select(inputs.get(0), inputs.get(1), inputs.get(2)));
    }
}
