package org.cryptorch.cli.selftest;

import org.cryptorch.mpc.Arithmetic;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;

/**
 * Inputs and verification for the checks. Each party draws its own input; {@link #share} turns one party's input into
 * shares with the input protocol. After the measured part, {@link #openAtParty0} and {@link #inputAt0} give party 0
 * the result and party 1's plaintext input, for checking only (party 1 gets its own data back and its outcome is
 * ignored).
 */
final class CheckData {
    private CheckData() {
    }

    /** Fixed-point values uniform in [-bound, bound) with {@code scaleBits} fractional bits, from this party's seed. */
    static LongTensor randomFixed(PartySession s, Shape shape, double bound, int scaleBits) {
        long limit = (long) Math.scalb(bound, scaleBits);
        long[] v = new long[shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = s.random().nextLong(-limit, limit);
        }
        return new LongTensor(shape, v);
    }

    /** Shares {@code owner}'s input; the other party passes its own input only for the shape. */
    static LongTensor share(PartySession s, int owner, LongTensor mine) {
        return s.id() == owner ? Arithmetic.provideInput(s.party(), mine)
            : Arithmetic.receiveInput(s.party(), mine.shape());
    }

    /** The secret behind {@code share}, at party 0. */
    static long[] openAtParty0(PartySession s, LongTensor share) {
        long[] mine = share.data();
        long[] theirs = s.party1s(mine);
        long[] out = new long[mine.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = mine[i] + theirs[i];
        }
        return out;
    }

    /** {@code owner}'s plaintext input, at party 0. */
    static long[] inputAt0(PartySession s, int owner, LongTensor mine) {
        return owner == 0 ? mine.data() : s.party1s(mine.data());
    }

    static double decode(long v, int scaleBits) {
        return Math.scalb((double) v, -scaleBits);
    }

    /** Largest |got - want| in real units, both with {@code scaleBits} fractional bits. */
    static double maxAbsError(long[] got, long[] want, int scaleBits) {
        double max = 0;
        for (int i = 0; i < got.length; i++) {
            max = Math.max(max, Math.abs(decode(got[i] - want[i], scaleBits)));
        }
        return max;
    }
}
