package org.cryptorch.mpc;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Bit-sliced layout for binary shares: plane {@code j} holds bit {@code j} of 64 consecutive elements per long, so
 * one long operation acts on 64 elements at once. Planes are stored one after another in one array:
 * {@code planes[j * words + w]} holds bit {@code j} of elements {@code 64w .. 64w+63} (element {@code 64w+e} in bit
 * {@code e}), where {@code words = wordsFor(n)}. Padding elements beyond {@code n} are zero.
 */
final class BitSlice {
    /** The bits that move in the round with swap distance s = 32, 16, ... 1. */
    private static final long[] SWAP_MASKS = {
        0x00000000FFFFFFFFL, 0x0000FFFF0000FFFFL, 0x00FF00FF00FF00FFL,
        0x0F0F0F0F0F0F0F0FL, 0x3333333333333333L, 0x5555555555555555L};
    /** Words transposed before their planes are written: 8 words make one 64-byte cache line per plane. */
    private static final int BATCH = 8;
    private static final VectorSpecies<Long> S = LongVector.SPECIES_PREFERRED;
    private static final int LANES = S.length();
    /** For rounds with s < LANES: the lane paired with each lane (lane ^ s), and the lanes with bit s set. */
    private static final VectorShuffle<Long>[] PARTNER = partners();
    private static final VectorMask<Long>[] HIGH = highLanes();

    private BitSlice() {
    }

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Long>[] partners() {
        VectorShuffle<Long>[] out = new VectorShuffle[SWAP_MASKS.length];
        for (int r = 0; r < out.length; r++) {
            int s = 32 >> r;
            out[r] = s < LANES ? VectorShuffle.fromOp(S, lane -> lane ^ s) : null;
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static VectorMask<Long>[] highLanes() {
        VectorMask<Long>[] out = new VectorMask[SWAP_MASKS.length];
        for (int r = 0; r < out.length; r++) {
            boolean[] high = new boolean[LANES];
            for (int lane = 0; lane < LANES; lane++) {
                high[lane] = (lane & (32 >> r)) != 0;
            }
            out[r] = VectorMask.fromArray(S, high, 0);
        }
        return out;
    }

    /** Longs per plane for {@code n} elements. */
    static int wordsFor(long n) {
        return Math.toIntExact((n + 63) >>> 6);
    }

    /**
     * Bit planes 0 .. {@code planes-1} of {@code values}, each XORed with the same plane of {@code mask}, into
     * {@code dst[0, planes * words)}. Works on {@link #BATCH} words at a time, so each plane receives whole cache
     * lines rather than one word per 64 elements.
     */
    static void maskedPlanes(long[] values, int planes, long[] mask, long[] dst) {
        int n = values.length;
        int words = wordsFor(n);
        long[] batch = new long[BATCH << 6];
        for (int w = 0; w < words; w += BATCH) {
            int count = Math.min(BATCH, words - w);
            int from = w << 6;
            int len = Math.min(count << 6, n - from);
            System.arraycopy(values, from, batch, 0, len);
            java.util.Arrays.fill(batch, len, count << 6, 0L);
            for (int b = 0; b < count; b++) {
                transpose(batch, b << 6);
            }
            for (int j = 0; j < planes; j++) {
                int at = j * words + w;
                for (int b = 0; b < count; b++) {
                    dst[at + b] = batch[(b << 6) + j] ^ mask[at + b];
                }
            }
        }
    }

    /** Bit plane {@code bit} of {@code values} alone, {@code wordsFor(values.length)} longs. */
    static long[] plane(long[] values, int bit) {
        int n = values.length;
        long[] out = new long[wordsFor(n)];
        int i = 0;
        for (int upper = S.loopBound(n); i < upper; i += LANES) {
            long lanes = LongVector.fromArray(S, values, i).lanewise(VectorOperators.LSHR, bit).and(1L)
                .compare(VectorOperators.NE, 0L).toLong();
            out[i >>> 6] |= lanes << (i & 63);
        }
        for (; i < n; i++) {
            out[i >>> 6] |= (values[i] >>> bit & 1L) << (i & 63);
        }
        return out;
    }

    /**
     * Transposes the 64x64 bit matrix {@code m[off, off+64)} in place: afterwards bit {@code i} of {@code m[off+j]}
     * is what bit {@code j} of {@code m[off+i]} was. Six rounds of block swaps (32x32 blocks, then 16x16, ... 1x1) instead of 4096 bit moves; a
     * round swaps between words i and i+s (i with bit s clear), so rounds with s at least the vector length pair
     * whole vectors, and the others pair lanes within one vector.
     */
    static void transpose(long[] m, int off) {
        int round = 0;
        for (int s = 32; s >= LANES; s >>= 1, round++) {
            long mask = SWAP_MASKS[round];
            for (int j = 0; j < 64; j += 2 * s) {
                for (int i = j; i < j + s; i += LANES) {
                    LongVector a = LongVector.fromArray(S, m, off + i);
                    LongVector b = LongVector.fromArray(S, m, off + i + s);
                    LongVector t = a.lanewise(VectorOperators.LSHR, s).lanewise(VectorOperators.XOR, b).and(mask);
                    a.lanewise(VectorOperators.XOR, t.lanewise(VectorOperators.LSHL, s)).intoArray(m, off + i);
                    b.lanewise(VectorOperators.XOR, t).intoArray(m, off + i + s);
                }
            }
        }
        int firstInLane = round;
        for (int i = 0; i < 64; i += LANES) {
            LongVector v = LongVector.fromArray(S, m, off + i);
            for (int r = firstInLane, s = 32 >> r; r < SWAP_MASKS.length; r++, s >>= 1) {
                // lanes with bit s clear play word i of the pair, the others word i+s; each sees its partner in p
                LongVector p = v.rearrange(PARTNER[r]);
                LongVector low = v.lanewise(VectorOperators.LSHR, s).lanewise(VectorOperators.XOR, p);
                LongVector high = p.lanewise(VectorOperators.LSHR, s).lanewise(VectorOperators.XOR, v);
                LongVector t = low.blend(high, HIGH[r]).and(SWAP_MASKS[r]);
                v = v.lanewise(VectorOperators.XOR, t.lanewise(VectorOperators.LSHL, s).blend(t, HIGH[r]));
            }
            v.intoArray(m, off + i);
        }
    }

    /** Bit {@code i} of a single plane, as 0 or 1. */
    static long bit(long[] plane, int i) {
        return (plane[i >>> 6] >>> (i & 63)) & 1L;
    }
}
