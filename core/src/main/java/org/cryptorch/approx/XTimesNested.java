package org.cryptorch.approx;

import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Value;

/**
 * {@code x f(x)} with {@code f} the nested approximation chosen under its only knob: one product more than
 * {@code f}, and documented where {@code f} is.
 */
abstract class XTimesNested extends BaseApproximation {
    private final String nestedKnob;

    /** {@code nested} is the APPROXIMATION knob that chooses {@code f}. */
    XTimesNested(String name, String op, String description, Knob nested) {
        super(name, op, description, List.of(nested));
        this.nestedKnob = nested.name();
    }

    @Override
    public final Range documentedRange(KnobValues knobs) {
        return Approximations.nestedRange(knobs, nestedKnob);
    }

    @Override
    public final List<Value> build(Emitter e, List<Value> inputs, Map<String, Attribute> attributes,
                                   KnobValues knobs) {
        Value x = inputs.get(0);
        return List.of(e.mul(x, e.nested(nestedKnob, knobs, x)));
    }
}
