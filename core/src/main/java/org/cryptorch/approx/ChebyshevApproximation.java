package org.cryptorch.approx;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Value;

/**
 * Sigmoid or tanh as its truncated Chebyshev series on [-R, R] applied to the input clamped to [-R, R] (SPU's tanh:
 * clamp 5, degree 17). The series is evaluated in the Chebyshev basis ({@link LowDepth#chebyshevBasis}), whose
 * terms stay in [-1, 1], so high degrees keep their accuracy in fixed point. Depth: the clamp (one fused comparison
 * of x + R and x - R, one product) then ceil(log2 degree) products. The saturation error is f(inf) - f(R).
 */
final class ChebyshevApproximation extends BaseApproximation {
    private final Curve curve;
    private final Map<List<Integer>, double[]> series = new ConcurrentHashMap<>();

    ChebyshevApproximation(Curve curve, int defaultDegree, int defaultClamp) {
        super(curve.prefix() + ".chebyshev", curve.op,
            "Chebyshev series on the input clamped to [-R, R], evaluated in the Chebyshev basis with low depth",
            List.of(Knob.integer("degree", "degree of the Chebyshev series", 1, 31, defaultDegree),
                Knob.integer("clamp", "R: the input is clamped to [-R, R]", 1, 16, defaultClamp),
                ComparisonBits.KNOB));
        this.curve = curve;
    }

    @Override
    public Range documentedRange(KnobValues knobs) {
        int clamp = knobs.integer("clamp");
        return LowDepth.decided(PiecewiseApproximation.RANGE, ComparisonBits.of(knobs), -clamp, clamp);
    }

    @Override
    public List<Value> build(Emitter e, List<Value> inputs, Map<String, Attribute> attributes, KnobValues knobs) {
        int degree = knobs.integer("degree");
        int clamp = knobs.integer("clamp");
        Value clamped = ClipComparison.clamp(e, inputs.get(0), e.constant(-clamp), e.constant(clamp),
            ComparisonBits.of(knobs));
        Value u = e.mulConst(clamped, 1.0 / clamp);
        double[] c = series.computeIfAbsent(List.of(degree, clamp), k -> Fit.chebyshevSeries(curve::at, clamp,
            degree));
        return List.of(LowDepth.combine(e, LowDepth.chebyshevBasis(e, u, degree), c));
    }
}
