package org.cryptorch.mpc;

/** How a fixed-point result is divided by 2^f (see {@link Arithmetic#truncate}). */
public enum Truncation {
    /**
     * No communication (SecureML): party 0 shifts its share, party 1 negates, shifts and negates. The result is
     * floor(x/2^f) or floor(x/2^f)+1, except with probability at most |x|/2^64, where it is off by 2^(64-f).
     */
    LOCAL,
    /**
     * One round with a dealer pair: the result is floor(x/2^f) or floor(x/2^f)+1 (unbiased stochastic rounding) for
     * every x in [-2^62, 2^62); no large errors.
     */
    DEALER;

    /**
     * The real magnitude that only a {@link #LOCAL} truncation's failure produces: it is off by 2^(64-f) at scale f,
     * that is 2^(64-2f) in real units (4.3e9 at f = 16), while no value a product can take without leaving the ring
     * reaches half of that, 2^(63-2f). A decoded output this large is evidence of a wrap, never a result.
     */
    public static double wrapEvidence(int fractionalBits) {
        return Math.scalb(1.0, 63 - 2 * fractionalBits);
    }
}
