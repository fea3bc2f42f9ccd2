package org.cryptorch.cli.selftest;

import static org.cryptorch.cli.selftest.CheckData.inputAt0;
import static org.cryptorch.cli.selftest.CheckData.maxAbsError;
import static org.cryptorch.cli.selftest.CheckData.openAtParty0;
import static org.cryptorch.cli.selftest.CheckData.randomFixed;
import static org.cryptorch.cli.selftest.CheckData.share;

import org.cryptorch.mpc.Comparison;
import org.cryptorch.mpc.ComparisonCosts;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;

/**
 * Checks of the comparison protocols. All of them are exact in the ring, so the bound is 0. Comparison inputs span
 * the whole range the width allows, with its edges and zero included; ReLU, select and max take fixed-point values in
 * [-1024, 1024) and compare on all 64 bits (no range knowledge assumed).
 */
final class ComparisonChecks {
    static final int FULL_WIDTH = 64;
    /** Length of the axis the max check reduces. */
    static final int MAX_AXIS = 32;

    private ComparisonChecks() {
    }

    /** [x < 0] of party 1's input, uniform over [-2^(bits-1), 2^(bits-1)) with the edges and 0 planted. */
    static ProtocolCheck ltz(int n, int bits) {
        return new NamedCheck("ltz", s -> {
            LongTensor mine = widthLimited(s, n, bits);
            LongTensor x = share(s, 1, mine);
            LongTensor sign = s.online("ltz", () -> Comparison.ltz(s.party(), x, bits));
            long[] plain = inputAt0(s, 1, mine);
            long[] want = new long[n];
            for (int i = 0; i < n; i++) {
                want[i] = plain[i] < 0 ? 1 : 0;
            }
            return CheckOutcome.of(n, bits, maxAbsError(openAtParty0(s, sign), want, 0), 0,
                ComparisonCosts.ltz(n, bits));
        });
    }

    static ProtocolCheck relu(int n) {
        return new NamedCheck("relu", s -> {
            LongTensor mine = randomFixed(s, Shape.of(n), ArithmeticChecks.RANGE, s.fractionalBits());
            LongTensor x = share(s, 1, mine);
            LongTensor y = s.online("relu", () -> Comparison.relu(s.party(), x, FULL_WIDTH));
            long[] plain = inputAt0(s, 1, mine);
            long[] want = new long[n];
            for (int i = 0; i < n; i++) {
                want[i] = Math.max(plain[i], 0);
            }
            return CheckOutcome.of(n, FULL_WIDTH, maxAbsError(openAtParty0(s, y), want, s.fractionalBits()), 0,
                ComparisonCosts.relu(n, FULL_WIDTH));
        });
    }

    /** cond ? x : y with cond = [c < 0] for party 0's c (computed beforehand), x from party 0, y from party 1. */
    static ProtocolCheck select(int n) {
        return new NamedCheck("select", s -> {
            int f = s.fractionalBits();
            Shape shape = Shape.of(n);
            LongTensor mineC = randomFixed(s, shape, ArithmeticChecks.RANGE, f);
            LongTensor mine = randomFixed(s, shape, ArithmeticChecks.RANGE, f);
            LongTensor cond = Comparison.ltz(s.party(), share(s, 0, mineC), FULL_WIDTH);
            LongTensor x = share(s, 0, mine);
            LongTensor y = share(s, 1, mine);
            LongTensor z = s.online("select", () -> Comparison.select(s.party(), cond, x, y));
            long[] c = inputAt0(s, 0, mineC);
            long[] xs = inputAt0(s, 0, mine);
            long[] ys = inputAt0(s, 1, mine);
            long[] want = new long[n];
            for (int i = 0; i < n; i++) {
                want[i] = c[i] < 0 ? xs[i] : ys[i];
            }
            return CheckOutcome.of(n, 0, maxAbsError(openAtParty0(s, z), want, f), 0, ComparisonCosts.select(n));
        });
    }

    /** Maximum along the last axis of a [n/32, 32] tensor from party 1. */
    static ProtocolCheck max(int n) {
        return new NamedCheck("max", s -> {
            int rows = Math.max(1, n / MAX_AXIS);
            Shape shape = Shape.of(rows, MAX_AXIS);
            LongTensor mine = randomFixed(s, shape, ArithmeticChecks.RANGE, s.fractionalBits());
            LongTensor x = share(s, 1, mine);
            LongTensor m = s.online("max", () -> Comparison.max(s.party(), x, 1, FULL_WIDTH, false));
            long[] plain = inputAt0(s, 1, mine);
            long[] want = new long[rows];
            for (int r = 0; r < rows; r++) {
                long best = Long.MIN_VALUE;
                for (int j = 0; j < MAX_AXIS; j++) {
                    best = Math.max(best, plain[r * MAX_AXIS + j]);
                }
                want[r] = best;
            }
            return CheckOutcome.of(shape.size(), FULL_WIDTH,
                maxAbsError(openAtParty0(s, m), want, s.fractionalBits()), 0,
                ComparisonCosts.max(shape, 1, FULL_WIDTH));
        });
    }

    /** Uniform over [-2^(bits-1), 2^(bits-1)), with both edges, -1, 0 and 1 planted at the front. */
    private static LongTensor widthLimited(PartySession s, int n, int bits) {
        long half = 1L << (bits - 1);
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = bits == 64 ? s.random().nextLong() : s.random().nextLong(-half, half);
        }
        long[] edges = {-half, half - 1, -1, 0, 1};
        System.arraycopy(edges, 0, v, 0, Math.min(n, edges.length));
        return new LongTensor(Shape.of(n), v);
    }
}
