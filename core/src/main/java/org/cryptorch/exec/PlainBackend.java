package org.cryptorch.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BinaryOperator;
import org.cryptorch.compile.Instruction;
import org.cryptorch.mpc.Truncation;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;

/**
 * The fixed-point simulator: runs a program in one process on whole values instead of shares, with the same
 * encodings and ring arithmetic as the parties. It is bit-exact for everything deterministic; where the protocols
 * are randomised it takes one of their outcomes: truncation rounds x / 2^bits to the nearest integer (the protocols
 * give floor(x / 2^bits) or one more, one more with probability frac(x / 2^bits): stochastic rounding, whose mean
 * is x / 2^bits; flooring instead would bias every truncation by half an ulp, and the biases of the many
 * truncations inside an approximation add up and pass, as one offset per channel, through the layers after it),
 * and a comparison on k bits reads the low k bits as a two's-complement number, exactly like the
 * protocol (so too narrow a width shows up here too). Fast: the tuner scores plans with it.
 */
public final class PlainBackend implements Backend {
    private final int fractionalBits;
    /** Sum over locally truncated elements of |x| / 2^64: see {@link #expectedLocalTruncationFailures}. */
    private double expectedWraps;

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
    public List<LongTensor> mul(List<LongTensor> xs, List<LongTensor> ys) {
        return pairwise(xs, ys, LongTensor::mul);
    }

    @Override
    public List<LongTensor> square(List<LongTensor> xs) {
        return mul(xs, xs);
    }

    @Override
    public List<LongTensor> matmul(List<LongTensor> xs, List<LongTensor> ys) {
        return pairwise(xs, ys, LongTensor::matmul);
    }

    @Override
    public LongTensor conv2d(LongTensor x, LongTensor w, Instruction.ConvParams p) {
        return x.conv2d(w, p.strides(), p.pads(), p.dilations(), p.groups());
    }

    @Override
    public List<LongTensor> ltz(List<LongTensor> xs, int bits) {
        int drop = 64 - bits;
        return xs.stream().map(x -> x.map(v -> ((v << drop) >> drop) < 0 ? 1L : 0L)).toList();
    }

    @Override
    public List<LongTensor> ltzTimes(List<LongTensor> xs, List<LongTensor> zs, int bits) {
        return mul(ltz(xs, bits), zs);
    }

    @Override
    public List<LongTensor> truncate(List<LongTensor> xs, int bits, Truncation mode) {
        if (mode == Truncation.LOCAL) {
            for (LongTensor x : xs) {
                for (long v : x.data()) {
                    expectedWraps += Math.abs((double) v);
                }
            }
        }
        long half = 1L << (bits - 1);
        return xs.stream().map(x -> x.map(v -> (v + half) >> bits)).toList();
    }

    /**
     * The expected number of local truncations that would have failed so far had the parties run this program:
     * each fails with probability |x|/2^64 ({@link Truncation#LOCAL}), x the value truncated, so this sums |x|/2^64
     * over every locally truncated element; the probability that a run has any failure is at most this.
     */
    public double expectedLocalTruncationFailures() {
        return Math.scalb(expectedWraps, -64);
    }

    @Override
    public Optional<List<LongTensor>> reveal(List<LongTensor> xs, int receiver) {
        return Optional.of(xs);
    }

    @Override
    public Traffic traffic() {
        return Traffic.NONE;
    }

    private static List<LongTensor> pairwise(List<LongTensor> xs, List<LongTensor> ys, BinaryOperator<LongTensor> op) {
        List<LongTensor> out = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            out.add(op.apply(xs.get(i), ys.get(i)));
        }
        return out;
    }
}
