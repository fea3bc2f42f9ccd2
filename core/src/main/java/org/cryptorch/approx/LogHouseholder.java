package org.cryptorch.approx;

import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Value;

/**
 * CrypTen's logarithm: guess {@code x/120 - 20 exp(-2x - 1) + 3}, then modified Householder steps
 * {@code h = 1 - x exp(-y)}, {@code y <- y - sum_{k=1..order} h^k / k}.
 */
final class LogHouseholder extends BaseApproximation {
    private static final ExpBasedGuess GUESS = new ExpBasedGuess(-20, -2, -1, 3, 1.0 / 120);

    LogHouseholder() {
        super("log.householder", "Log", "Householder iterations from an exp-based guess (CrypTen)", List.of(
            Knob.integer("iterations", "Householder steps; 1 is low precision", 1, 5, 2),
            Knob.integer("order", "terms of the series per step", 2, 12, 8),
            Knob.approximation("exp", "the exp in guess and steps", "Exp", "exp.limit")));
    }

    @Override
    public Range documentedRange(KnobValues knobs) {
        return new Range(0.01, 100);
    }

    @Override
    public List<Value> build(Emitter e, List<Value> inputs, Map<String, Attribute> attributes, KnobValues knobs) {
        Value x = inputs.get(0);
        Value y = GUESS.emit(e, knobs, x);
        int order = knobs.integer("order");
        double[] series = new double[order + 1];
        for (int k = 1; k <= order; k++) {
            series[k] = -1.0 / k;
        }
        for (int i = 0; i < knobs.integer("iterations"); i++) {
            Value h = e.sub(e.constant(1), e.mul(x, e.nested("exp", knobs, e.neg(y))));
            y = e.add(y, e.polynomial(h, series));
        }
        return List.of(y);
    }
}
