package org.cryptorch.approx;

import java.util.List;
import org.cryptorch.ir.Value;

/**
 * Inverse square root after power-of-two range reduction: {@code m = x / 2^j} in [1, 2), a Chebyshev polynomial
 * guess of {@code m^(-1/2)}, optional Newton steps, then {@code rsqrt(x) = rsqrt(m) 2^(-j/2)}, whose factor is a
 * public linear combination of the comparison bits.
 */
final class RsqrtNormalized extends PowerOfTwoScaled {
    RsqrtNormalized() {
        super("rsqrt.normalized", "Rsqrt", "power-of-two scaling into [1, 2), polynomial guess, Newton steps", List.of(
            Knob.integer("degree", "degree of the guess on [1, 2] (rel error 2.5e-2, 3.6e-3, 5.4e-4 for 1, 2, 3)",
                1, 6, 2),
            Knob.integer("iterations", "Newton steps (3 rounds each); degree 1 without steps is low precision", 0,
                4, 1)));
    }

    @Override
    Value build(Emitter e, Value x, PowerOfTwoScaling scaling, KnobValues knobs) {
        Value m = scaling.mantissa(x);
        Value y = ChebyshevFit.emit(e, m, v -> 1 / Math.sqrt(v), 1, 2, knobs.integer("degree"));
        y = newtonSteps(e, m, y, knobs.integer("iterations"));
        return e.mul(y, scaling.perBinade(j -> Math.pow(2, -j / 2.0)));
    }

    /** {@code y <- y (3 - x y^2) / 2}, {@code steps} times. */
    static Value newtonSteps(Emitter e, Value x, Value y, int steps) {
        for (int i = 0; i < steps; i++) {
            Value xy2 = e.mul(e.square(y), x);
            y = e.mul(y, e.addConst(e.mulConst(xy2, -0.5), 1.5));
        }
        return y;
    }
}
