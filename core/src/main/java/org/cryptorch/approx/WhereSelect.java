package org.cryptorch.approx;

import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Value;

/**
 * ONNX Where with a secret 0/1 condition: y + cond (x - y), one product (broadcasting as Where does). No
 * comparison of its own (the condition comes from one), hence no bits knob.
 */
final class WhereSelect implements Approximation {
    @Override
    public String name() {
        return "where.select";
    }

    @Override
    public String op() {
        return "Where";
    }

    @Override
    public String description() {
        return "exact: y + cond * (x - y), one product";
    }

    @Override
    public List<Knob> knobs() {
        return List.of();
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
