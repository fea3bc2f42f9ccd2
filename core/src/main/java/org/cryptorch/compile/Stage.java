package org.cryptorch.compile;

import java.util.Arrays;
import java.util.List;

/**
 * The stages of {@link Compiler#compile}, in the order they run (this enum is the one list of them). The first
 * four rewrite the graph, {@link #LOWER} turns it into {@link Code}, {@link #SCHEDULE} turns that into the
 * {@link Program}. A {@link StageHook} sees each stage's result and time ({@code cryptorch inspect --stage NAME}).
 */
public enum Stage {
    /** Each site the plan covers ({@code ir.OpTable} says which need one) becomes its approximation's primitives. */
    APPROXIMATE("approximate"),
    /** Exact linear ops (Div by a constant, means, pools, Split, ...) become primitives ({@link Linearizer}). */
    LINEARIZE("linearize"),
    /** Attention-mask constants beyond the fixed-point headroom are clamped to it ({@link MaskClamp}). */
    CLAMP_MASKS("clamp-masks"),
    /** Comparisons get the largest |input| seen on the calibration samples ({@link ComparisonWidths}). */
    SIZE_COMPARISONS("size-comparisons"),
    /** Scales, truncations, ownership and comparison widths: the graph becomes instructions ({@link Lowering}). */
    LOWER("lower"),
    /** A comparison whose only use is a product joins it as one {@code ltz_times} ({@link ComparisonProducts}). */
    FUSE_COMPARISON_PRODUCTS("fuse-comparison-products"),
    /** Communication layers, fused steps and their predicted costs ({@link Scheduler}). */
    SCHEDULE("schedule");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    /** The name {@code inspect --stage} takes. */
    public String label() {
        return label;
    }

    /** The stage called {@code label}, or an error listing the names. */
    public static Stage named(String label) {
        return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst().orElseThrow(() ->
            new IllegalArgumentException("no compiler stage named '" + label + "'; stages are " + labels()));
    }

    /** The names of all stages, in order. */
    public static List<String> labels() {
        return Arrays.stream(values()).map(Stage::label).toList();
    }
}
