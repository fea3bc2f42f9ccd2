package org.cryptorch.mpc;

/** How the two shares of a correlation component combine: additively in Z_2^64 or by XOR (bit-packed). */
public enum Sharing {
    ARITHMETIC, BINARY;

    public long combine(long a, long b) {
        return this == ARITHMETIC ? a + b : a ^ b;
    }

    /** The share that, combined with {@code other}, gives {@code value}. */
    public long complement(long value, long other) {
        return this == ARITHMETIC ? value - other : value ^ other;
    }

    /** {@code acc[at + j] = combine(acc[at + j], other[j])} for j < len; the sharing is chosen once, not per word. */
    void combineInto(long[] acc, int at, long[] other, int len) {
        if (this == ARITHMETIC) {
            for (int j = 0; j < len; j++) {
                acc[at + j] += other[j];
            }
        } else {
            for (int j = 0; j < len; j++) {
                acc[at + j] ^= other[j];
            }
        }
    }

    /** Turns {@code other} into the complement of each word of it with respect to {@code value}, in place. */
    void complementInPlace(long[] value, long[] other) {
        if (this == ARITHMETIC) {
            for (int j = 0; j < other.length; j++) {
                other[j] = value[j] - other[j];
            }
        } else {
            for (int j = 0; j < other.length; j++) {
                other[j] ^= value[j];
            }
        }
    }
}
