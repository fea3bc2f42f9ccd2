package org.cryptorch.approx;

import java.util.List;
import org.cryptorch.ir.Value;

/**
 * Logarithm after power-of-two range reduction: {@code log x = log m + j ln 2} with {@code m = x / 2^j} in [1, 2),
 * {@code log m} by a Chebyshev polynomial and {@code j ln 2} a public linear combination of the comparison bits.
 */
final class LogNormalized extends PowerOfTwoScaled {
    LogNormalized() {
        super("log.normalized", "Log", "power-of-two scaling into [1, 2) and a polynomial of log there (as SPU)",
            List.of(Knob.integer("degree",
                "polynomial degree on [1, 2] (abs error 8e-5, 1e-5, 2e-6 for 4, 5, 6); below 3 is low precision", 2,
                10, 5)));
    }

    @Override
    Value build(Emitter e, Value x, PowerOfTwoScaling scaling, KnobValues knobs) {
        Value logMantissa = ChebyshevFit.emit(e, scaling.mantissa(x), Math::log, 1, 2, knobs.integer("degree"));
        return e.add(logMantissa, scaling.perBinade(j -> j * Math.log(2)));
    }
}
