package org.cryptorch.cli.selftest;

import static org.cryptorch.cli.selftest.CheckData.decode;
import static org.cryptorch.cli.selftest.CheckData.inputAt0;
import static org.cryptorch.cli.selftest.CheckData.maxAbsError;
import static org.cryptorch.cli.selftest.CheckData.openAtParty0;
import static org.cryptorch.cli.selftest.CheckData.randomFixed;
import static org.cryptorch.cli.selftest.CheckData.share;

import java.util.function.BiFunction;
import org.cryptorch.mpc.Arithmetic;
import org.cryptorch.mpc.ArithmeticCosts;
import org.cryptorch.mpc.Cost;
import org.cryptorch.mpc.Party;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;

/**
 * Checks of the arithmetic protocols on {@code n} elements. Inputs are fixed-point values in [-1024, 1024). Exact
 * protocols (input, reveal, ring products) must match the plaintext ring result exactly; truncations must stay
 * within 1 ulp of the exact quotient.
 */
final class ArithmeticChecks {
    static final double RANGE = 1024;

    private ArithmeticChecks() {
    }

    /** Party 1 shares its input. */
    static ProtocolCheck input(int n) {
        return new NamedCheck("input", s -> {
            LongTensor mine = randomFixed(s, Shape.of(n), RANGE, s.fractionalBits());
            LongTensor x = s.online("input", () -> share(s, 1, mine));
            double err = maxAbsError(openAtParty0(s, x), inputAt0(s, 1, mine), s.fractionalBits());
            return CheckOutcome.of(n, 0, err, 0, ArithmeticCosts.input(1, n));
        });
    }

    /** Party 1's input, shared beforehand, is revealed to party 0. */
    static ProtocolCheck reveal(int n) {
        return new NamedCheck("reveal", s -> {
            LongTensor mine = randomFixed(s, Shape.of(n), RANGE, s.fractionalBits());
            LongTensor x = share(s, 1, mine);
            LongTensor revealed = s.online("reveal", () -> Arithmetic.revealTo(s.party(), 0, x)).orElse(mine);
            double err = maxAbsError(revealed.data(), inputAt0(s, 1, mine), s.fractionalBits());
            return CheckOutcome.of(n, 0, err, 0, ArithmeticCosts.revealTo(0, n));
        });
    }

    /** Party 0's input times party 1's input (ring product, 2f fractional bits). */
    static ProtocolCheck mul(int n) {
        return new NamedCheck("mul", s -> {
            int f = s.fractionalBits();
            LongTensor mine = randomFixed(s, Shape.of(n), RANGE, f);
            LongTensor x = share(s, 0, mine);
            LongTensor y = share(s, 1, mine);
            LongTensor z = s.online("mul", () -> Arithmetic.mul(s.party(), x, y));
            long[] got = openAtParty0(s, z);
            long[] want = product(inputAt0(s, 0, mine), inputAt0(s, 1, mine));
            return CheckOutcome.of(n, 0, maxAbsError(got, want, 2 * f), 0, ArithmeticCosts.mul(n));
        });
    }

    static ProtocolCheck square(int n) {
        return new NamedCheck("square", s -> {
            int f = s.fractionalBits();
            LongTensor mine = randomFixed(s, Shape.of(n), RANGE, f);
            LongTensor x = share(s, 1, mine);
            LongTensor z = s.online("square", () -> Arithmetic.square(s.party(), x));
            long[] plain = inputAt0(s, 1, mine);
            return CheckOutcome.of(n, 0, maxAbsError(openAtParty0(s, z), product(plain, plain), 2 * f), 0,
                ArithmeticCosts.square(n));
        });
    }

    /**
     * Local truncation of party 1's input with 2f fractional bits to f bits. Besides the 1-ulp error it fails with
     * probability |x|/2^64 per element; the number of such failures must be plausible under that probability.
     */
    static ProtocolCheck truncLocal(int n) {
        return truncation("trunc_local", n, Arithmetic::truncateLocal, ArithmeticCosts.truncateLocal(n), true);
    }

    /** Dealer-assisted truncation: within 1 ulp always. */
    static ProtocolCheck truncDealer(int n) {
        return truncation("trunc_dealer", n, Arithmetic::truncateWithDealer, ArithmeticCosts.truncateWithDealer(n),
            false);
    }

    private interface Truncate {
        LongTensor apply(Party p, LongTensor x, int bits);
    }

    private static ProtocolCheck truncation(String name, int n, Truncate protocol, Cost cost, boolean mayWrap) {
        return new NamedCheck(name, s -> {
            int f = s.fractionalBits();
            LongTensor mine = randomFixed(s, Shape.of(n), RANGE, 2 * f);
            LongTensor x = share(s, 1, mine);
            LongTensor t = s.online(name, () -> protocol.apply(s.party(), x, f));
            long[] got = openAtParty0(s, t);
            long[] plain = inputAt0(s, 1, mine);
            double ulp = Math.scalb(1.0, -f);
            double maxErr = 0;
            long large = 0;
            double expectedLarge = 0;
            for (int i = 0; i < n; i++) {
                double err = Math.abs(decode(got[i], f) - decode(plain[i], 2 * f));
                if (err < ulp) {
                    maxErr = Math.max(maxErr, err);
                } else {
                    large++;
                }
                expectedLarge += Math.abs(decode(plain[i], 64));
            }
            long allowed = mayWrap ? Poisson.quantile(expectedLarge, 1e-9) : 0;
            return new CheckOutcome(n, 0, maxErr, ulp, large, allowed, cost);
        });
    }

    private static long[] product(long[] a, long[] b) {
        long[] out = new long[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] * b[i];
        }
        return out;
    }
}
