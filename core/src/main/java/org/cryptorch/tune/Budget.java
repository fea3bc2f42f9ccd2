package org.cryptorch.tune;

/**
 * How much worse than the reference configuration the tuned one may be: an absolute amount of the metric
 * ({@code 0.01} = one accuracy point) or, written with a percent sign, a fraction of the reference value
 * ({@code 5%} of the reference error).
 */
public record Budget(double amount, boolean relative) {
    /**
     * Metric values are averages of floating-point sums; an assignment equal in quality to the reference may differ
     * in the last bits, which must not count as a loss under budget 0.
     */
    private static final double ROUNDING_SLACK = 1e-12;

    public Budget {
        if (!(amount >= 0) || Double.isInfinite(amount)) {
            throw new IllegalArgumentException("budget must be a finite non-negative number, got " + amount);
        }
    }

    public static Budget parse(String text) {
        String t = text.trim();
        boolean relative = t.endsWith("%");
        String number = relative ? t.substring(0, t.length() - 1).trim() : t;
        double v;
        try {
            v = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("budget '" + text + "' is not a number (e.g. 0, 0.01 or 5%)", e);
        }
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("budget '" + text + "' must be >= 0");
        }
        return new Budget(relative ? v / 100 : v, relative);
    }

    /** The metric worsening allowed against a reference value. */
    public double allowed(double reference) {
        return relative ? amount * Math.abs(reference) : amount;
    }

    public boolean admits(Metric metric, double reference, double value) {
        return admitsLoss(reference, metric.worsening(reference, value));
    }

    /** Whether a worsening of {@code loss} against {@code reference} is within budget. */
    public boolean admitsLoss(double reference, double loss) {
        return loss <= allowed(reference) + ROUNDING_SLACK;
    }

    @Override
    public String toString() {
        return relative ? amount * 100 + "%" : Double.toString(amount);
    }
}
