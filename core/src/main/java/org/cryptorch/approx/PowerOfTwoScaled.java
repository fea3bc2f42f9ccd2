package org.cryptorch.approx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Value;

/**
 * An approximation of a positive input that starts with {@link PowerOfTwoScaling}: its own knobs come first, then
 * the scaling's (binades 2^-12 .. 2^12 by default), and its documented range is the scaling's.
 */
abstract class PowerOfTwoScaled extends BaseApproximation {
    PowerOfTwoScaled(String name, String op, String description, List<Knob> ownKnobs) {
        super(name, op, description, withScalingKnobs(ownKnobs));
    }

    private static List<Knob> withScalingKnobs(List<Knob> ownKnobs) {
        List<Knob> all = new ArrayList<>(ownKnobs);
        all.addAll(PowerOfTwoScaling.knobs(-12, 12));
        return all;
    }

    @Override
    public final Range documentedRange(KnobValues knobs) {
        return PowerOfTwoScaling.range(knobs);
    }

    @Override
    public final List<Value> build(Emitter e, List<Value> inputs, Map<String, Attribute> attributes,
                                   KnobValues knobs) {
        Value x = inputs.get(0);
        return List.of(build(e, x, new PowerOfTwoScaling(e, x, knobs), knobs));
    }

    /** The result for {@code x}, whose comparisons against the binade thresholds {@code scaling} has emitted. */
    abstract Value build(Emitter e, Value x, PowerOfTwoScaling scaling, KnobValues knobs);
}
