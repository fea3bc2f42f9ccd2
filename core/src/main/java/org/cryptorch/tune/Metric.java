package org.cryptorch.tune;

import java.util.Locale;

/**
 * What the tuner keeps within budget. Accuracy and cross-entropy loss need labels; mean and max abs error and KL
 * divergence compare with the float model's outputs.
 */
public enum Metric {
    ACCURACY(true, true), LOSS(false, true), MAE(false, false), MAX_ABS(false, false), KL(false, false);

    private final boolean higherIsBetter;
    private final boolean needsLabels;

    Metric(boolean higherIsBetter, boolean needsLabels) {
        this.higherIsBetter = higherIsBetter;
        this.needsLabels = needsLabels;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    public boolean needsLabels() {
        return needsLabels;
    }

    /** How much worse {@code value} is than {@code reference} (negative when it is better). */
    public double worsening(double reference, double value) {
        return higherIsBetter ? reference - value : value - reference;
    }

    /** {@code accuracy}, {@code loss}, {@code mae}, {@code max_abs} (or {@code maxabs}), {@code kl}. */
    public static Metric parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (t.equals("MAXABS")) {
            return MAX_ABS;
        }
        try {
            return valueOf(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown metric '" + text + "' (accuracy, loss, mae, max_abs, kl)", e);
        }
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
