package org.cryptorch.approx;

import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Value;

/**
 * CrypTen's inverse square root: initial guess {@code 2.2 exp(-(x/2 + 0.2)) + 0.2 - x/1024}, then Newton steps
 * {@code y <- y (3 - x y^2) / 2} (three rounds each).
 */
final class RsqrtNewton extends BaseApproximation {
    private static final ExpBasedGuess GUESS = new ExpBasedGuess(2.2, -0.5, -0.2, 0.2, -1.0 / 1024);

    RsqrtNewton() {
        super("rsqrt.newton", "Rsqrt", "Newton-Raphson from an exp-based guess (CrypTen inv_sqrt)", List.of(
            Knob.integer("iterations", "Newton steps (3 rounds each); below 3 is low precision", 1, 10, 3),
            Knob.approximation("exp", "the exp inside the initial guess", "Exp", "exp.limit")));
    }

    @Override
    public Range documentedRange(KnobValues knobs) {
        return new Range(0.1, 100);
    }

    @Override
    public List<Value> build(Emitter e, List<Value> inputs, Map<String, Attribute> attributes, KnobValues knobs) {
        Value x = inputs.get(0);
        return List.of(RsqrtNormalized.newtonSteps(e, x, GUESS.emit(e, knobs, x), knobs.integer("iterations")));
    }
}
