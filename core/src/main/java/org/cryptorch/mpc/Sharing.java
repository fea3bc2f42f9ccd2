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
}
