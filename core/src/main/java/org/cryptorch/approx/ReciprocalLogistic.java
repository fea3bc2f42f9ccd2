package org.cryptorch.approx;

import java.util.List;
import java.util.Map;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Value;

/**
 * Sigmoid and tanh from exp and reciprocal, CrypTen's way, on |x| so that exp only sees non-positive arguments:
 * with e = exp(-k|x|) and r = 1 / (1 + e), sigmoid (k = 1) is r for x >= 0 and e r below, tanh (k = 2) is
 * (1 - e) r times the sign. Writing the result as r (A + B e + [x < 0] (C + D e)) keeps its relative accuracy in
 * both tails, where 1 - r (CrypTen's choice for negative x) would cancel. Depth: comparison, |x|, nested exp,
 * nested reciprocal, one product. CrypTen's nested choices are {@code exp.limit} and {@code reciprocal.newton}; the
 * defaults here are {@code exp.negative}, made for arguments <= 0 (through {@code silu.sigmoid} the limit exp's
 * relative error in the tail shows as 2.4e-3 at x = -4.3; exp.negative keeps the sigmoid within 5e-5), and
 * {@code reciprocal.goldschmidt} (23 estimated rounds in all instead of 49 with Newton's 10 steps).
 */
final class ReciprocalLogistic extends BaseApproximation {
    private final double k;
    private final double[] numerator;

    /** @param numerator A, B, C, D of the docs above */
    private ReciprocalLogistic(Curve curve, double k, double... numerator) {
        super(curve.prefix() + ".reciprocal", curve.op,
            "exp(-k|x|) and 1 / (1 + e) from nested approximations (CrypTen's method), one comparison",
            List.of(Knob.approximation("exp", "the exp of -k|x| (arguments <= 0)", "Exp", "exp.negative"),
                Knob.approximation("reciprocal", "the reciprocal of 1 + e (arguments in [1, 2])", "Reciprocal",
                    "reciprocal.goldschmidt"),
                ComparisonBits.KNOB));
        this.k = k;
        this.numerator = numerator;
    }

    static ReciprocalLogistic sigmoid() {
        return new ReciprocalLogistic(Curve.SIGMOID, 1, 1, 0, -1, 1);
    }

    static ReciprocalLogistic tanh() {
        return new ReciprocalLogistic(Curve.TANH, 2, 1, -1, -2, 2);
    }

    /** Where the nested exp is documented for -k|x|, at most {@link PiecewiseApproximation#RANGE}. */
    @Override
    public Range documentedRange(KnobValues knobs) {
        Range exp = Approximations.nestedRange(knobs, "exp");
        double reach = Math.min(PiecewiseApproximation.RANGE.hi(), Math.max(0, -exp.lo() / k));
        return LowDepth.decided(new Range(-reach, reach), ComparisonBits.of(knobs), 0);
    }

    @Override
    public List<Value> build(Emitter e, List<Value> inputs, Map<String, Attribute> attributes, KnobValues knobs) {
        Value x = inputs.get(0);
        Value negative = e.ltz(x, ComparisonBits.of(knobs));
        Value abs = e.sub(x, e.mulConst(e.mul(negative, x), 2));
        Value exp = e.nested("exp", knobs, e.mulConst(abs, -k));
        Value r = e.nested("reciprocal", knobs, e.addConst(exp, 1));
        Value ifPositive = affine(e, numerator[0], numerator[1], exp);
        Value ifNegativeAdd = affine(e, numerator[2], numerator[3], exp);
        return List.of(e.mul(r, e.add(ifPositive, e.mul(negative, ifNegativeAdd))));
    }

    private static Value affine(Emitter e, double a, double b, Value x) {
        return b == 0 ? e.constant(a) : e.addConst(e.mulConst(x, b), a);
    }
}
