package org.cryptorch.cli.selftest;

/**
 * What party 0 concludes from one protocol run, besides the traffic the runner measures itself.
 *
 * @param elements     number of output elements checked
 * @param bits         comparison width, or 0 where it does not apply
 * @param maxAbsError  largest |result - plaintext reference| in real units (decoded fixed point), or in ring units for
 *                     exact integer checks
 * @param errorBound   the documented bound the error must not exceed
 * @param predicted    the protocol's cost function for these shapes
 */
public record CheckOutcome(long elements, int bits, double maxAbsError, double errorBound, ExpectedCost predicted) {
}
