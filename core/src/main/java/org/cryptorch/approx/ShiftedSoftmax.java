package org.cryptorch.approx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Value;

/**
 * Softmax, masked softmax and log-softmax as {@code z = x - shift}, {@code exp(z) / sum exp(z)} (or
 * {@code z - log sum exp(z)}), where the shift is the row maximum by a comparison tree (log-depth) or a public offset
 * (no comparisons; accurate while the row maximum stays within a few units below the offset). MaskedSoftmax's Keep
 * input is public: masked entries are moved to the bottom of the documented range before the maximum and their
 * exponentials multiplied by 0, so a fully masked row gives zeros like the reference.
 */
final class ShiftedSoftmax extends BaseApproximation {
    enum Kind { SOFTMAX, MASKED, LOG }

    /** Elements are documented in [-SPREAD/2, SPREAD/2]; row maxima down to offset - OFFSET_DEPTH. */
    private static final double SPREAD = 64;
    private static final double OFFSET_DEPTH = 6;
    private static final String BY_OFFSET = "offset";
    private static final Knob SHIFT = Knob.choice("shift", "tree = row max by comparisons, offset = subtract the "
        + "public offset", List.of("tree", BY_OFFSET), "tree");
    private static final Knob OFFSET = Knob.integer("offset", "the public shift when shift = offset", -64, 64, 0);
    /**
     * Where the rows' maxima lie is an empirical question (digits_vit's attention rows have maxima from -6 to 11), so
     * the tuner offers offsets at quantiles of them on the calibration samples.
     */
    private static final CalibratedKnob CALIBRATED_OFFSET = new CalibratedKnob(OFFSET,
        CalibratedKnob.Statistic.ROW_MAXIMA, Map.of(SHIFT.name(), BY_OFFSET));

    private final Kind kind;

    private ShiftedSoftmax(String name, String op, Kind kind, String description) {
        super(name, op, description, knobs(kind));
        this.kind = kind;
    }

    static ShiftedSoftmax softmax() {
        return new ShiftedSoftmax("softmax.shifted", "Softmax", Kind.SOFTMAX,
            "exp(x - max) times reciprocal of the sum; max by comparison tree or a fixed offset");
    }

    static ShiftedSoftmax masked() {
        return new ShiftedSoftmax("maskedsoftmax.shifted", "MaskedSoftmax", Kind.MASKED,
            "softmax over kept entries (public Keep mask); masked entries give 0");
    }

    static ShiftedSoftmax log() {
        return new ShiftedSoftmax("logsoftmax.shifted", "LogSoftmax", Kind.LOG,
            "(x - max) - log(sum exp(x - max)); max by comparison tree or a fixed offset");
    }

    private static List<Knob> knobs(Kind kind) {
        List<Knob> k = new ArrayList<>(List.of(SHIFT, OFFSET,
            Knob.approximation("exp", "exp of the shifted inputs", "Exp", "exp.negative")));
        k.add(kind == Kind.LOG
            ? Knob.approximation("log", "log of the row sum", "Log", "log.normalized")
            : Knob.approximation("reciprocal", "reciprocal of the row sum", "Reciprocal", "reciprocal.goldschmidt"));
        k.add(ComparisonBits.KNOB);
        return k;
    }

    @Override
    public List<CalibratedKnob> calibratedKnobs() {
        return List.of(CALIBRATED_OFFSET);
    }

    @Override
    public Range documentedRange(KnobValues knobs) {
        if (knobs.choice(SHIFT.name()).equals(BY_OFFSET)) {
            int offset = knobs.integer(OFFSET.name());
            return new Range(offset - OFFSET_DEPTH, offset);
        }
        return new Range(-SPREAD / 2, SPREAD / 2);
    }

    @Override
    public List<Value> build(Emitter e, List<Value> inputs, Map<String, Attribute> attributes, KnobValues knobs) {
        Value x = inputs.get(0);
        int[] dims = e.dims(x);
        long[] axes = axes(e, attributes, dims.length);
        Value keep = kind == Kind.MASKED ? inputs.get(1) : null;
        Value bottom = e.constant(documentedRange(knobs).lo());
        Value scores = keep == null ? x : e.add(e.mul(e.sub(x, bottom), keep), bottom);
        Value shifted;
        if (!knobs.choice(SHIFT.name()).equals(BY_OFFSET)) {
            Value max = scores;
            for (long axis : axes) {
                Value row = max;
                // elements on the documented range differ by at most its width
                max = e.boundingComparisons(SPREAD, () -> TreeMax.alongAxis(e, row, (int) axis, dims[(int) axis],
                    ComparisonBits.of(knobs)));
            }
            shifted = e.sub(scores, max);
        } else {
            shifted = e.addConst(scores, -knobs.integer(OFFSET.name()));
        }
        Value exp = e.nested("exp", knobs, shifted);
        if (keep != null) {
            exp = e.mul(exp, keep);
        }
        Value sum = e.reduceSum(exp, axes, true);
        if (kind == Kind.LOG) {
            return List.of(e.sub(shifted, e.nested("log", knobs, sum)));
        }
        return List.of(e.mul(exp, e.nested("reciprocal", knobs, sum)));
    }

    /**
     * The normalised axes: MaskedSoftmax and opset 13+ use one axis (default -1); before opset 13 Softmax and
     * LogSoftmax normalise over all axes from {@code axis} (default 1) on.
     */
    private long[] axes(Emitter e, Map<String, Attribute> attributes, int rank) {
        int opset = e.graph().opset();
        boolean legacy = kind != Kind.MASKED && opset > 0 && opset < 13;
        Attribute a = attributes.get("axis");
        long axis = a != null ? a.asInt() : legacy ? 1 : -1;
        long first = axis < 0 ? axis + rank : axis;
        if (first < 0 || first >= rank) {
            throw new IllegalArgumentException(op() + " axis " + axis + " out of range for rank " + rank);
        }
        long[] axes = new long[legacy ? (int) (rank - first) : 1];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = first + i;
        }
        return axes;
    }
}
