package org.cryptorch.exec;

import java.util.List;
import java.util.Optional;
import org.cryptorch.mpc.Call;
import org.cryptorch.mpc.Protocol;
import org.cryptorch.mpc.Truncation;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;

/**
 * The fixed-point simulator: runs a program in one process on whole values instead of shares, with the same
 * encodings and ring arithmetic as the parties. It is bit-exact for everything deterministic; where the protocols
 * are randomised it takes one of their outcomes ({@link Protocol#simulate}: truncation rounds x / 2^bits to the
 * nearest integer, the mean of the protocols' stochastic rounding; flooring instead would bias every truncation by
 * half an ulp, and the biases of the many truncations inside an approximation pass, as one offset per channel,
 * through the layers after it), and a comparison on k bits reads the low k bits as a two's-complement number,
 * exactly like the protocol (so too narrow a width shows up here too). Fast: the tuner scores plans with it.
 */
public final class PlainBackend implements Backend {
    private final int fractionalBits;
    /** The expected failures of the protocol calls so far: see {@link #expectedLocalTruncationFailures}. */
    private double expectedFailures;

    public PlainBackend(int fractionalBits) {
        this.fractionalBits = fractionalBits;
    }

    @Override
    public boolean actsFor(int party) {
        return true;
    }

    @Override
    public int fractionalBits() {
        return fractionalBits;
    }

    @Override
    public List<LongTensor> input(int owner, List<LongTensor> valuesOrNull, List<Shape> shapes) {
        return valuesOrNull;
    }

    @Override
    public LongTensor weight(int owner, LongTensor valueOrNull, Shape shape, int maskId) {
        return valueOrNull;
    }

    @Override
    public LongTensor sharePublic(LongTensor value) {
        return value.copy();
    }

    @Override
    public LongTensor addPublic(LongTensor x, LongTensor c) {
        return x.add(c);
    }

    @Override
    public List<LongTensor> run(Protocol protocol, List<List<LongTensor>> members) {
        Call<LongTensor> call = new Call<>(members);
        expectedFailures += protocol.expectedFailures(call);
        return protocol.simulate(call);
    }

    /**
     * The expected number of local truncations that would have failed so far had the parties run this program:
     * each fails with probability |x|/2^64 ({@link Truncation#LOCAL}), x the value truncated, so this sums |x|/2^64
     * over every locally truncated element; the probability that a run has any failure is at most this.
     */
    public double expectedLocalTruncationFailures() {
        return expectedFailures;
    }

    @Override
    public Optional<List<LongTensor>> reveal(List<LongTensor> xs, int receiver) {
        return Optional.of(xs);
    }

    @Override
    public Traffic traffic() {
        return Traffic.NONE;
    }
}
