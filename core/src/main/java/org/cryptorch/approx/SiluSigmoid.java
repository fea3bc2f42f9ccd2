package org.cryptorch.approx;

import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Value;

/**
 * SiLU as x * sigmoid(x) with a nested sigmoid. The sigmoid's absolute error is multiplied by |x|, so for negative
 * x it needs relative accuracy in the tail: the default is the exp-based {@code sigmoid.reciprocal}.
 */
final class SiluSigmoid implements Approximation {
    @Override
    public String name() {
        return "silu.sigmoid";
    }

    @Override
    public String op() {
        return "Silu";
    }

    @Override
    public String description() {
        return "x * sigmoid(x) with a nested sigmoid, one product";
    }

    @Override
    public List<Knob> knobs() {
        return List.of(Knob.approximation("sigmoid", "the nested sigmoid", "Sigmoid", "sigmoid.reciprocal"));
    }

    @Override
    public Range documentedRange(KnobValues knobs) {
        return Approximations.get(knobs.choice("sigmoid")).documentedRange(knobs.sub("sigmoid"));
    }

    @Override
    public List<Value> build(Emitter e, List<Value> inputs, Map<String, Attribute> attributes, KnobValues knobs) {
        Value x = inputs.get(0);
        return List.of(e.mul(x, e.nested("sigmoid", knobs, x)));
    }
}
