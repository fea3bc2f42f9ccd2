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
    DEALER
}
