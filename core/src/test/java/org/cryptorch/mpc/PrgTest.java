package org.cryptorch.mpc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrgTest {
    /** A copy continues the stream where the original is, at even and odd word positions, and each goes on alone. */
    @Test
    void aCopyDrawsWhatTheOriginalWouldDrawNext() {
        byte[] seed = Prg.freshSeed();
        for (int at : new int[] {0, 1, 2, 7, 8193}) {
            Prg original = new Prg(seed, 3);
            original.next(at);
            Prg copy = original.copy();
            long[] fromCopy = copy.next(50);
            long[] fromOriginal = original.next(50);
            assertThat(fromCopy).as("copy at word %d", at).isEqualTo(fromOriginal);
            assertThat(copy.next(5)).isEqualTo(original.next(5));
            long[] whole = new Prg(seed, 3).next(at + 55);
            assertThat(fromOriginal[0]).isEqualTo(whole[at]);
        }
    }
}
