package org.cryptorch.approx;

/**
 * SiLU as x * sigmoid(x) with a nested sigmoid. The sigmoid's absolute error is multiplied by |x|, so for negative
 * x it needs relative accuracy in the tail: the default is the exp-based {@code sigmoid.reciprocal}.
 */
final class SiluSigmoid extends XTimesNested {
    SiluSigmoid() {
        super("silu.sigmoid", "Silu", "x * sigmoid(x) with a nested sigmoid, one product",
            Knob.approximation("sigmoid", "the nested sigmoid", "Sigmoid", "sigmoid.reciprocal"));
    }
}
