package org.cryptorch.approx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Value;

/**
 * Logarithm after power-of-two range reduction: {@code log x = log m + j ln 2} with {@code m = x / 2^j} in [1, 2),
 * {@code log m} by a Chebyshev polynomial and {@code j ln 2} a public linear combination of the comparison bits.
 */
final class LogNormalized extends BaseApproximation {
    LogNormalized() {
        super("log.normalized", "Log", "power-of-two scaling into [1, 2) and a polynomial of log there (as SPU)",
            knobList());
    }

    private static List<Knob> knobList() {
        List<Knob> k = new ArrayList<>(List.of(Knob.integer("degree",
            "polynomial degree on [1, 2] (abs error 8e-5, 1e-5, 2e-6 for 4, 5, 6); below 3 is low precision", 2, 10,
            5)));
        k.addAll(PowerOfTwoScaling.knobs(-12, 12));
        return k;
    }

    @Override
    public Range documentedRange(KnobValues knobs) {
        return PowerOfTwoScaling.range(knobs);
    }

    @Override
    public List<Value> build(Emitter e, List<Value> inputs, Map<String, Attribute> attributes, KnobValues knobs) {
        Value x = inputs.get(0);
        PowerOfTwoScaling scaling = new PowerOfTwoScaling(e, x, knobs);
        Value logMantissa = ChebyshevFit.of(Math::log, 1, 2, knobs.integer("degree")).emit(e, scaling.mantissa(x));
        return List.of(e.add(logMantissa, scaling.perBinade(j -> j * Math.log(2))));
    }
}
