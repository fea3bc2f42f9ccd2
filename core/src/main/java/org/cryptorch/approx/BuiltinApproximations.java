package org.cryptorch.approx;

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
    }
}
