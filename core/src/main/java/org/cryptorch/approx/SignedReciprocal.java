package org.cryptorch.approx;

import org.cryptorch.ir.Value;

/**
 * The sign handling around a reciprocal of positive numbers: {@code s = 1 - 2 Ltz(x)}, {@code 1/x = s * 1/(s x)}:
 * one comparison and two products.
 */
final class SignedReciprocal {
    interface Positive {
        Value reciprocal(Value positive);
    }

    private SignedReciprocal() {
    }

    static Value emit(Emitter e, Value x, int bits, Positive positive) {
        Value sign = e.sub(e.constant(1), e.mulConst(e.ltz(x, bits), 2));
        return e.mul(sign, positive.reciprocal(e.mul(sign, x)));
    }
}
