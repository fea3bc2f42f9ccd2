package org.cryptorch.compile;

import org.cryptorch.mpc.Truncation;
import org.cryptorch.tensor.FixedPoint;

/**
 * Lowering settings.
 *
 * @param fractionalBits f: fixed-point values are round(x * 2^f) in Z_2^64
 * @param truncation     how products are scaled back: {@link Truncation#LOCAL} (default: no communication, result
 *                       off by at most 1 ulp, and wrong by 2^(64-f) with probability |x|/2^64 per element, which is
 *                       about 2^-22 for |x| = 1000 at f = 16) or {@link Truncation#DEALER} (one round, no large
 *                       errors)
 */
public record CompileOptions(int fractionalBits, Truncation truncation, Ownership ownership) {
    public CompileOptions {
        if (fractionalBits < 1 || fractionalBits > 30) {
            throw new IllegalArgumentException("fractional bits must be in [1, 30], got " + fractionalBits);
        }
        if (truncation == null || ownership == null) {
            throw new IllegalArgumentException("truncation and ownership are required");
        }
    }

    public static CompileOptions defaults() {
        return new CompileOptions(FixedPoint.DEFAULT_FRAC_BITS, Truncation.LOCAL, Ownership.defaults());
    }

    public CompileOptions withOwnership(Ownership o) {
        return new CompileOptions(fractionalBits, truncation, o);
    }

    public CompileOptions withTruncation(Truncation t) {
        return new CompileOptions(fractionalBits, t, ownership);
    }

    public CompileOptions withFractionalBits(int f) {
        return new CompileOptions(f, truncation, ownership);
    }
}
