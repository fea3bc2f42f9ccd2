package org.cryptorch.compile;

import java.util.HashMap;
import java.util.Map;
import org.cryptorch.mpc.Truncation;
import org.cryptorch.tensor.FixedPoint;

/**
 * Lowering settings.
 *
 * @param fractionalBits     f: fixed-point values are round(x * 2^f) in Z_2^64
 * @param truncation         how products are scaled back: {@link Truncation#LOCAL} (default: no communication,
 *                           result off by at most 1 ulp, and wrong by 2^(64-f) with probability |x|/2^64 per
 *                           element, which is about 2^-22 for |x| = 1000 at f = 16) or {@link Truncation#DEALER}
 *                           (one round, no large errors)
 * @param truncationBySite   overrides of {@code truncation} for the products of single sites (a tuner knob)
 * @param comparisonWidths   widths of comparisons by node name (from {@link Program#comparisonWidths}), used instead
 *                           of calibration
 */
public record CompileOptions(int fractionalBits, Truncation truncation, Ownership ownership,
                             Map<String, Truncation> truncationBySite, Map<String, Integer> comparisonWidths) {
    public CompileOptions {
        if (fractionalBits < 1 || fractionalBits > 30) {
            throw new IllegalArgumentException("fractional bits must be in [1, 30], got " + fractionalBits);
        }
        if (truncation == null || ownership == null) {
            throw new IllegalArgumentException("truncation and ownership are required");
        }
        truncationBySite = Map.copyOf(truncationBySite);
        comparisonWidths = Map.copyOf(comparisonWidths);
    }

    public static CompileOptions defaults() {
        return new CompileOptions(FixedPoint.DEFAULT_FRAC_BITS, Truncation.LOCAL, Ownership.defaults(), Map.of(), Map.of());
    }

    public CompileOptions withOwnership(Ownership o) {
        return new CompileOptions(fractionalBits, truncation, o, truncationBySite, comparisonWidths);
    }

    public CompileOptions withTruncation(Truncation t) {
        return new CompileOptions(fractionalBits, t, ownership, truncationBySite, comparisonWidths);
    }

    /** With the products of {@code site} truncated by {@code t}. */
    public CompileOptions withTruncation(String site, Truncation t) {
        Map<String, Truncation> m = new HashMap<>(truncationBySite);
        m.put(site, t);
        return new CompileOptions(fractionalBits, truncation, ownership, m, comparisonWidths);
    }

    public CompileOptions withFractionalBits(int f) {
        return new CompileOptions(f, truncation, ownership, truncationBySite, comparisonWidths);
    }

    /** With comparison widths fixed by node name, as a program compiled with calibration chose them. */
    public CompileOptions withComparisonWidths(Map<String, Integer> widths) {
        return new CompileOptions(fractionalBits, truncation, ownership, truncationBySite, widths);
    }

    /** The truncation used for products of {@code site}. */
    public Truncation truncationFor(String site) {
        return truncationBySite.getOrDefault(site, truncation);
    }
}
