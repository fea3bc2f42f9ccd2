package org.cryptorch.approx;

import java.util.List;

/**
 * An approximation whose only knob is the comparison width and whose comparisons test differences of two values
 * from the same interval (a - b, x - bound, x - breakpoint): its documented range is where those are decided.
 */
abstract class DifferenceComparison extends BaseApproximation {
    /** Comparison-based ops are exact wherever fixed point represents the values; tested on this interval. */
    static final Range RANGE = new Range(-1000, 1000);

    DifferenceComparison(String name, String op, String description) {
        super(name, op, description, List.of(ComparisonBits.KNOB));
    }

    /** Half the comparison width (a difference of two values spans twice their bound), at most {@link #RANGE}. */
    @Override
    public final Range documentedRange(KnobValues knobs) {
        double half = Math.min(RANGE.hi(), ComparisonBits.bound(ComparisonBits.of(knobs)) / 2);
        return new Range(-half, half);
    }
}
