package org.cryptorch.approx;

import org.cryptorch.ir.Value;

/**
 * CrypTen's starting points for iterative methods, {@code scale exp(slope x + shift) + offset + linear x}, with the
 * exp nested under the caller's knob {@code exp}: one exp and no secret product of its own.
 */
record ExpBasedGuess(double scale, double slope, double shift, double offset, double linear) {
    Value emit(Emitter e, KnobValues knobs, Value x) {
        Value exp = e.nested("exp", knobs, e.addConst(e.mulConst(x, slope), shift));
        return e.add(e.addConst(e.mulConst(exp, scale), offset), e.mulConst(x, linear));
    }
}
