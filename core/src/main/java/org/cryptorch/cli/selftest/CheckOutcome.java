package org.cryptorch.cli.selftest;

import org.cryptorch.mpc.Cost;

/**
 * What party 0 concludes from one protocol run, besides the traffic the runner measures itself.
 *
 * @param elements           number of output elements checked
 * @param bits               comparison width, or 0 where it does not apply
 * @param maxAbsError        largest |result - plaintext reference| in real units (decoded fixed point), over the
 *                           elements without a large error
 * @param errorBound         the documented bound {@code maxAbsError} must not exceed
 * @param largeErrors        elements with an error beyond the bound that the protocol allows with a small
 *                           probability (local truncation's wrap-around)
 * @param largeErrorsAllowed how many such elements are plausible under the documented probability (0: none allowed)
 * @param predicted          the protocol's cost function for these shapes
 */
public record CheckOutcome(long elements, int bits, double maxAbsError, double errorBound, long largeErrors,
                           long largeErrorsAllowed, Cost predicted) {
    /** An outcome without large errors. */
    public static CheckOutcome of(long elements, int bits, double maxAbsError, double errorBound, Cost predicted) {
        return new CheckOutcome(elements, bits, maxAbsError, errorBound, 0, 0, predicted);
    }
}
