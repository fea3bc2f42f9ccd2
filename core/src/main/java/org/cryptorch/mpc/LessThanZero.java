package org.cryptorch.mpc;

import java.util.List;
import org.cryptorch.tensor.LongTensor;

/**
 * [x < 0] on the low {@code bits} bits ({@link Comparison}), as an integer share 0/1 ({@code ltz}), or with
 * {@code times} multiplied by a second secret z of x's shape ({@code ltz_times}): the first round of the comparison
 * then also opens z - a for a dealer-provided a, so a comparison whose only use is a product (ReLU, select, max)
 * needs no round for the product. A call compares all members' elements at once; comparisons of different widths
 * fuse at the widest, which is correct for every member (the width contract of {@link Comparison}).
 */
public record LessThanZero(int bits, boolean times) implements Protocol {
    @Override
    public String name() {
        return times ? "ltz_times" : "ltz";
    }

    @Override
    public Protocol join(Protocol other) {
        if (!(other instanceof LessThanZero o) || o.times != times) {
            throw new IllegalArgumentException("a call of " + this + " cannot run " + other);
        }
        return bits >= o.bits ? this : o;
    }

    @Override
    public String variant() {
        return String.valueOf(bits);
    }

    @Override
    public Cost cost(Call<OperandShape> call) {
        int n = OperandShape.elements(call.operand(0));
        return times ? ComparisonCosts.signTimes(n, bits) : ComparisonCosts.ltz(n, bits);
    }

    @Override
    public List<Recipe> recipes(Call<OperandShape> call) {
        return ComparisonRecipes.comparison(OperandShape.elements(call.operand(0)), bits, times);
    }

    @Override
    public List<LongTensor> run(Party party, Call<Arithmetic.Operand> call) {
        List<LongTensor> xs = Batched.shares(call.operand(0));
        return times ? Batched.apply(xs, Batched.shares(call.operand(1)), (x, z) -> signTimes(party, x, bits, z))
            : Batched.apply(xs, x -> Comparison.ltz(party, x, bits));
    }

    /** This party's share of [x < 0] * z for its shares of x and z (same shapes). */
    static LongTensor signTimes(Party party, LongTensor x, int bits, LongTensor z) {
        if (!x.shape().equals(z.shape())) {
            throw new IllegalArgumentException("ltz_times: operand shapes " + x.shape() + " and " + z.shape()
                + " differ");
        }
        return party.labelled("ltz_times", () -> new LongTensor(x.shape(), Comparison.sign(party, x.data(), bits,
            z.data())));
    }

    @Override
    public List<LongTensor> simulate(Call<LongTensor> call) {
        int drop = 64 - bits;
        return call.members().stream().map(m -> {
            LongTensor below = m.get(0).map(v -> ((v << drop) >> drop) < 0 ? 1L : 0L);
            return times ? below.mul(m.get(1)) : below;
        }).toList();
    }
}
