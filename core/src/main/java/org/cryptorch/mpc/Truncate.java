package org.cryptorch.mpc;

import java.util.List;
import org.cryptorch.tensor.LongTensor;

/**
 * Division by 2^bits with the protocol {@code mode} names ({@link Arithmetic#truncate}, error bounds in
 * {@link Truncation}): local truncation exchanges nothing and may fail with probability |x|/2^64 per element; the
 * dealer's takes one round. Dealer truncations of one shift fuse.
 */
public record Truncate(int bits, Truncation mode) implements Protocol {
    @Override
    public String name() {
        return mode == Truncation.LOCAL ? "trunc" : "trunc_dealer";
    }

    @Override
    public boolean communicates() {
        return mode != Truncation.LOCAL;
    }

    @Override
    public String fusionKey() {
        return name() + "/" + bits;
    }

    @Override
    public Cost cost(Call<OperandShape> call) {
        return ArithmeticCosts.truncate(OperandShape.elements(call.operand(0)), mode);
    }

    @Override
    public List<Recipe> recipes(Call<OperandShape> call) {
        return switch (mode) {
            case LOCAL -> List.of();
            case DEALER -> List.of(ArithmeticRecipes.truncationPair(OperandShape.elements(call.operand(0)), bits));
        };
    }

    @Override
    public List<LongTensor> run(Party party, Call<Arithmetic.Operand> call) {
        return Batched.apply(Batched.shares(call.operand(0)), x -> Arithmetic.truncate(party, x, bits, mode));
    }

    /**
     * Rounds x / 2^bits to the nearest integer: the protocols give floor(x / 2^bits) or one more, one more with
     * probability frac(x / 2^bits) (stochastic rounding, whose mean is x / 2^bits); flooring instead would bias every
     * truncation by half an ulp, and the biases of the many truncations inside an approximation add up.
     */
    @Override
    public List<LongTensor> simulate(Call<LongTensor> call) {
        long half = 1L << (bits - 1);
        return call.operand(0).stream().map(x -> x.map(v -> (v + half) >> bits)).toList();
    }

    /** Local truncation of x fails with probability |x|/2^64 per element; the dealer's never. */
    @Override
    public double expectedFailures(Call<LongTensor> call) {
        if (mode != Truncation.LOCAL) {
            return 0;
        }
        double sum = 0;
        for (LongTensor x : call.operand(0)) {
            for (long v : x.data()) {
                sum += Math.abs((double) v);
            }
        }
        return Math.scalb(sum, -64);
    }
}
