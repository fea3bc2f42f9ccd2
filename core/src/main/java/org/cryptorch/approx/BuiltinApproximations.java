package org.cryptorch.approx;

import java.util.List;

/** The built-in library: one registration line per approximation. */
final class BuiltinApproximations {
    private BuiltinApproximations() {
    }

    static void registerAll() {
        Approximations.register(new ExpLimit());
        Approximations.register(new ExpNegative());
        Approximations.register(ReciprocalNewton.signed());
        Approximations.register(ReciprocalNewton.positive());
        Approximations.register(new ReciprocalGoldschmidt());
        Approximations.register(new RsqrtNewton());
        Approximations.register(new RsqrtNormalized());
        Approximations.register(new SqrtByRsqrt());
        Approximations.register(new LogHouseholder());
        Approximations.register(new LogNormalized());
        Approximations.register(ShiftedSoftmax.softmax());
        Approximations.register(ShiftedSoftmax.masked());
        Approximations.register(ShiftedSoftmax.log());
        Approximations.register(new LayerNormRsqrt());
        Approximations.register(new ReduceMaxTree());
        Approximations.register(new MaxPoolTree());
        Approximations.register(new ReluByComparison());
        Approximations.register(new PiecewiseApproximation(Curve.SIGMOID, List.of("0", "2", "4", "6"), "6", 1));
        Approximations.register(new ChebyshevApproximation(Curve.SIGMOID, 21, 8));
        Approximations.register(ReciprocalLogistic.sigmoid());
        Approximations.register(new PiecewiseApproximation(Curve.TANH, List.of("0", "2", "4", "6"), "6", 2));
        Approximations.register(new ChebyshevApproximation(Curve.TANH, 21, 4));
        Approximations.register(ReciprocalLogistic.tanh());
        Approximations.register(new ErfPolynomial());
        Approximations.register(new PiecewiseApproximation(Curve.GELU, List.of("0", "2", "4"), "4", 2));
        Approximations.register(new EvenPartApproximation(Curve.GELU, 6));
        Approximations.register(ReluByComparison.forAsymptotes(Curve.GELU));
        Approximations.register(GeluByFormula.viaTanh());
        Approximations.register(GeluByFormula.viaErf());
        Approximations.register(new GeluPuma());
        Approximations.register(new PiecewiseApproximation(Curve.SILU, List.of("0", "2", "4"), "4", 4));
        Approximations.register(new EvenPartApproximation(Curve.SILU, 12));
        Approximations.register(ReluByComparison.forAsymptotes(Curve.SILU));
        Approximations.register(new SiluSigmoid());
        Approximations.register(ExactComparison.leakyRelu());
        Approximations.register(ExactComparison.hardSigmoid());
        Approximations.register(ExactComparison.hardSwish());
        Approximations.register(ExactComparison.abs());
        Approximations.register(new ClipComparison());
        Approximations.register(new SignComparison());
        Approximations.register(new ExtremumComparison(true));
        Approximations.register(new ExtremumComparison(false));
        Approximations.register(new WhereSelect());
    }
}
