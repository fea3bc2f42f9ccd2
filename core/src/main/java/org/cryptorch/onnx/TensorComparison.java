package org.cryptorch.onnx;

import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Tensor;

/**
 * Elementwise comparison with ONNX's test tolerance: {@code |actual - expected| <= atol + rtol * |expected|};
 * NaN matches NaN and an infinity matches the same infinity. A shape mismatch is an infinite error.
 */
final class TensorComparison {
    /** The largest absolute difference seen, and whether every element was within tolerance. */
    record Result(double maxError, boolean withinTolerance) {
        static final Result EXACT = new Result(0, true);

        Result worse(Result other) {
            return new Result(Math.max(maxError, other.maxError), withinTolerance && other.withinTolerance);
        }
    }

    private final double rtol;
    private final double atol;

    TensorComparison(double rtol, double atol) {
        this.rtol = rtol;
        this.atol = atol;
    }

    Result compare(Tensor actual, Tensor expected) {
        if (!actual.shape().equals(expected.shape())) {
            return new Result(Double.POSITIVE_INFINITY, false);
        }
        int n = expected.shape().size();
        double max = 0;
        boolean ok = true;
        for (int i = 0; i < n; i++) {
            double a = element(actual, i);
            double e = element(expected, i);
            if (a == e || Double.isNaN(a) && Double.isNaN(e)) {
                continue;
            }
            double diff = Math.abs(a - e);
            if (Double.isNaN(diff)) {
                diff = Double.POSITIVE_INFINITY; // NaN against a number, or opposite infinities
            }
            max = Math.max(max, diff);
            ok &= diff <= atol + rtol * Math.abs(e);
        }
        return new Result(max, ok);
    }

    private static double element(Tensor t, int i) {
        return switch (t) {
            case FloatTensor f -> f.data()[i];
            case LongTensor l -> l.data()[i];
        };
    }
}
