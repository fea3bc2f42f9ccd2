package org.cryptorch.approx;

import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.cryptorch.ir.Value;

/**
 * A function that is a polynomial in u = x / scale on each interval between public breakpoints
 * b[0] < ... < b[m-1]: piece i covers [b[i-1], b[i]) (piece 0 everything below b[0], piece m everything from
 * b[m-1] on). Emitted with ONE comparison over all x - b[i] and the powers of u computed alongside it, then
 * sum_i [x in piece i] p_i: secret-product depth max(Ltz, ceil(log2 degree)) + 1, one product per non-constant
 * piece. Every piece is multiplied by an exact 0/1 indicator, so a piece evaluated far outside its interval (where
 * its powers may overflow fixed point) is zeroed rather than cancelled against another.
 *
 * @param pieces coefficients of each piece in powers of x / scale (pieces.length = breakpoints.length + 1)
 */
record PiecewisePolynomial(double scale, double[] breakpoints, double[][] pieces)
    implements DoubleUnaryOperator {
    PiecewisePolynomial {
        if (pieces.length != breakpoints.length + 1) {
            throw new IllegalArgumentException(breakpoints.length + " breakpoints need " + (breakpoints.length + 1)
                + " pieces, got " + pieces.length);
        }
        for (int i = 1; i < breakpoints.length; i++) {
            if (!(breakpoints[i - 1] < breakpoints[i])) {
                throw new IllegalArgumentException("breakpoints must increase: " + Arrays.toString(breakpoints));
            }
        }
    }

    /**
     * Pieces fitted by least squares to {@code f} on the intervals between the breakpoints, with the given outer
     * pieces (in powers of x) below the first and above the last breakpoint.
     */
    static PiecewisePolynomial fit(DoubleUnaryOperator f, double[] breakpoints, int[] exponents, double[] below,
                                   double[] above) {
        double widest = Math.max(Math.abs(breakpoints[0]), Math.abs(breakpoints[breakpoints.length - 1]));
        double scale = widest == 0 ? 1 : widest;
        double[][] pieces = new double[breakpoints.length + 1][];
        pieces[0] = inScaledVariable(below, scale);
        for (int i = 1; i < breakpoints.length; i++) {
            pieces[i] = Fit.leastSquares(f, breakpoints[i - 1], breakpoints[i], scale, exponents);
        }
        pieces[breakpoints.length] = inScaledVariable(above, scale);
        return new PiecewisePolynomial(scale, breakpoints, pieces);
    }

    /** Coefficients in x rewritten for u = x / scale. */
    static double[] inScaledVariable(double[] inX, double scale) {
        double[] c = new double[inX.length];
        for (int k = 0; k < c.length; k++) {
            c[k] = inX[k] * Math.pow(scale, k);
        }
        return c;
    }

    int degree() {
        int d = 0;
        for (double[] p : pieces) {
            d = Math.max(d, p.length - 1);
        }
        return d;
    }

    /** The value at x in float. */
    @Override
    public double applyAsDouble(double x) {
        int piece = 0;
        while (piece < breakpoints.length && x >= breakpoints[piece]) {
            piece++;
        }
        double u = x / scale;
        double[] c = pieces[piece];
        double y = 0;
        for (int k = c.length - 1; k >= 0; k--) {
            y = y * u + c[k];
        }
        return y;
    }

    Value emit(Emitter e, Value x, int bits) {
        Value u = scale == 1 ? x : e.mulConst(x, 1 / scale);
        List<Value> powers = LowDepth.powers(e, u, degree());
        List<Value> below = LowDepth.below(e, bits, x, breakpoints);
        Value out = null;
        for (int i = 0; i < pieces.length; i++) {
            Value inPiece = i == 0 ? below.get(0)
                : i == breakpoints.length ? e.sub(e.constant(1), below.get(i - 1))
                : e.sub(below.get(i), below.get(i - 1));
            Value term = e.mul(inPiece, LowDepth.combine(e, powers, pieces[i]));
            out = out == null ? term : e.add(out, term);
        }
        return out;
    }
}
