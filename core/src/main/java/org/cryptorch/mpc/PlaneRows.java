package org.cryptorch.mpc;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A small table of bit-plane rows for evaluating a group of XOR-of-AND polynomials on a block of up to
 * {@link #BLOCK} words (64 elements each) at a time: every step is a vectorised AND or XOR of whole rows, so the
 * bookkeeping of which products a polynomial needs is paid once per block instead of once per word. Row 0 holds all
 * ones (the empty product); the other rows are filled by the caller or by the steps of a program.
 */
final class PlaneRows {
    private static final VectorSpecies<Long> S = LongVector.SPECIES_PREFERRED;
    /** Words per block: 4096 elements, so the rows of the largest group (about 80) stay in the L1/L2 cache. */
    static final int BLOCK = 64;

    private final long[] t;
    private final int stride;

    /** Rows for blocks of at most {@code min(BLOCK, words)} words. */
    PlaneRows(int rows, int words) {
        this.stride = roundUp(Math.max(1, Math.min(BLOCK, words)));
        this.t = new long[rows * stride];
        java.util.Arrays.fill(t, 0, stride, -1L);
    }

    /** Words actually computed for a block of {@code len} words: whole vectors, within the row stride. */
    static int span(int len) {
        return roundUp(len);
    }

    private static int roundUp(int len) {
        int v = S.length();
        return (len + v - 1) / v * v;
    }

    void load(int row, long[] src, int from, int len) {
        System.arraycopy(src, from, t, row * stride, len);
    }

    void store(int row, long[] dst, int at, int len) {
        System.arraycopy(t, row * stride, dst, at, len);
    }

    void clear(int row, int span) {
        java.util.Arrays.fill(t, row * stride, row * stride + span, 0L);
    }

    /** row dst = row a & row b. */
    void and(int dst, int a, int b, int span) {
        int d = dst * stride;
        int x = a * stride;
        int y = b * stride;
        for (int i = 0; i < span; i += S.length()) {
            LongVector.fromArray(S, t, x + i).and(LongVector.fromArray(S, t, y + i)).intoArray(t, d + i);
        }
    }

    /** row dst = row a ^ row b. */
    void xor(int dst, int a, int b, int span) {
        int d = dst * stride;
        int x = a * stride;
        int y = b * stride;
        for (int i = 0; i < span; i += S.length()) {
            LongVector.fromArray(S, t, x + i).lanewise(jdk.incubator.vector.VectorOperators.XOR,
                LongVector.fromArray(S, t, y + i)).intoArray(t, d + i);
        }
    }

    /** row dst ^= row a & row b. */
    void xorAnd(int dst, int a, int b, int span) {
        int d = dst * stride;
        int x = a * stride;
        int y = b * stride;
        for (int i = 0; i < span; i += S.length()) {
            LongVector.fromArray(S, t, x + i).and(LongVector.fromArray(S, t, y + i))
                .lanewise(jdk.incubator.vector.VectorOperators.XOR, LongVector.fromArray(S, t, d + i))
                .intoArray(t, d + i);
        }
    }
}
