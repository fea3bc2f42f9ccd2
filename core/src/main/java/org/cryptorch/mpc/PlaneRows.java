package org.cryptorch.mpc;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Rows of bit-plane words for evaluating a group of XOR-of-AND polynomials on a block of up to {@link #BLOCK} words
 * (64 elements each) at a time: every step is a vectorised AND or XOR of whole rows, so the bookkeeping of which
 * products a polynomial needs is paid once per block instead of once per word. A row is either bound to a stretch of
 * a caller's array (inputs are read and outputs written in place, without copies) or lives in this table
 * (intermediate products). Row 0 holds all ones (the empty product).
 */
final class PlaneRows {
    private static final VectorSpecies<Long> S = LongVector.SPECIES_PREFERRED;
    /** Words per block: 8192 elements, so the rows of the largest group (about 60) stay in the L2 cache. */
    static final int BLOCK = 128;

    private final long[][] arrays;
    private final int[] offsets;

    /** Rows for blocks of at most {@code min(BLOCK, words)} words, each in this table until bound elsewhere. */
    PlaneRows(int rows, int words) {
        int stride = Math.max(1, Math.min(BLOCK, words));
        long[] table = new long[rows * stride];
        java.util.Arrays.fill(table, 0, stride, -1L);
        arrays = new long[rows][];
        offsets = new int[rows];
        for (int r = 0; r < rows; r++) {
            arrays[r] = table;
            offsets[r] = r * stride;
        }
    }

    /** Row {@code row} is {@code array[from ..]} from now on (until bound again). */
    void bind(int row, long[] array, int from) {
        arrays[row] = array;
        offsets[row] = from;
    }

    void clear(int row, int len) {
        java.util.Arrays.fill(arrays[row], offsets[row], offsets[row] + len, 0L);
    }

    /** row dst = row a & row b. */
    void and(int dst, int a, int b, int len) {
        apply(Op.AND, dst, a, b, len);
    }

    /** row dst = row a ^ row b. */
    void xor(int dst, int a, int b, int len) {
        apply(Op.XOR, dst, a, b, len);
    }

    /** row dst ^= row a & row b. */
    void xorAnd(int dst, int a, int b, int len) {
        apply(Op.XOR_AND, dst, a, b, len);
    }

    private enum Op { AND, XOR, XOR_AND }

    /** One loop per operation, so the choice is made once per row and not per word. */
    private void apply(Op op, int dst, int a, int b, int len) {
        long[] d = arrays[dst];
        long[] x = arrays[a];
        long[] y = arrays[b];
        int od = offsets[dst];
        int ox = offsets[a];
        int oy = offsets[b];
        int upper = S.loopBound(len);
        int i = 0;
        switch (op) {
            case AND -> {
                for (; i < upper; i += S.length()) {
                    LongVector.fromArray(S, x, ox + i).and(LongVector.fromArray(S, y, oy + i)).intoArray(d, od + i);
                }
                for (; i < len; i++) {
                    d[od + i] = x[ox + i] & y[oy + i];
                }
            }
            case XOR -> {
                for (; i < upper; i += S.length()) {
                    LongVector.fromArray(S, x, ox + i).lanewise(VectorOperators.XOR, LongVector.fromArray(S, y, oy + i))
                        .intoArray(d, od + i);
                }
                for (; i < len; i++) {
                    d[od + i] = x[ox + i] ^ y[oy + i];
                }
            }
            case XOR_AND -> {
                for (; i < upper; i += S.length()) {
                    LongVector.fromArray(S, x, ox + i).and(LongVector.fromArray(S, y, oy + i))
                        .lanewise(VectorOperators.XOR, LongVector.fromArray(S, d, od + i)).intoArray(d, od + i);
                }
                for (; i < len; i++) {
                    d[od + i] ^= x[ox + i] & y[oy + i];
                }
            }
        }
    }
}
