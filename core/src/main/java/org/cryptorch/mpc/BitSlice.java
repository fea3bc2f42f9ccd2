package org.cryptorch.mpc;

/**
 * Bit-sliced layout for binary shares: plane {@code j} holds bit {@code j} of 64 consecutive elements per long, so
 * one long operation acts on 64 elements at once. Planes are stored one after another in one array:
 * {@code planes[j * words + w]} holds bit {@code j} of elements {@code 64w .. 64w+63} (element {@code 64w+e} in bit
 * {@code e}), where {@code words = wordsFor(n)}. Padding elements beyond {@code n} are zero.
 */
final class BitSlice {
    private static final long[] SWAP_MASKS = {
        0x00000000FFFFFFFFL, 0x0000FFFF0000FFFFL, 0x00FF00FF00FF00FFL,
        0x0F0F0F0F0F0F0F0FL, 0x3333333333333333L, 0x5555555555555555L};

    private BitSlice() {
    }

    /** Longs per plane for {@code n} elements. */
    static int wordsFor(long n) {
        return Math.toIntExact((n + 63) >>> 6);
    }

    /** The low {@code bits} bit planes of {@code values}, {@code wordsFor(values.length)} longs per plane. */
    static long[] planes(long[] values, int bits) {
        int n = values.length;
        int words = wordsFor(n);
        long[] out = new long[bits * words];
        long[] block = new long[64];
        for (int w = 0; w < words; w++) {
            int from = w << 6;
            int len = Math.min(64, n - from);
            System.arraycopy(values, from, block, 0, len);
            java.util.Arrays.fill(block, len, 64, 0L);
            transpose(block);
            for (int j = 0; j < bits; j++) {
                out[j * words + w] = block[j];
            }
        }
        return out;
    }

    /**
     * Transposes a 64x64 bit matrix in place: afterwards bit {@code i} of {@code m[j]} is what bit {@code j} of
     * {@code m[i]} was. Six rounds of block swaps (32x32 blocks, then 16x16, ... 1x1) instead of 4096 bit moves.
     */
    static void transpose(long[] m) {
        int s = 32;
        for (long mask : SWAP_MASKS) {
            for (int i = 0; i < 64; i = (i + s + 1) & ~s) {
                long t = ((m[i] >>> s) ^ m[i + s]) & mask;
                m[i] ^= t << s;
                m[i + s] ^= t;
            }
            s >>>= 1;
        }
    }

    /** Bit {@code i} of a single plane, as 0 or 1. */
    static long bit(long[] plane, int i) {
        return (plane[i >>> 6] >>> (i & 63)) & 1L;
    }
}
