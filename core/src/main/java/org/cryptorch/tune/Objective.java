package org.cryptorch.tune;

import java.util.Arrays;
import org.cryptorch.tensor.FloatTensor;

/**
 * Turns a model's outputs on the calibration inputs into the metric the tuner budgets. Outputs are read as rows
 * of scores over the last axis (one row per sample, or per token for sequence outputs): accuracy and cross-entropy
 * compare each row with its label, the error metrics compare with the float model's outputs element-wise (MAE, max
 * abs) or row-wise as distributions after softmax (KL divergence of the approximation from float).
 */
public final class Objective {
    private final Metric metric;
    private final long[] labels;
    private final FloatTensor floatOutputs;

    private Objective(Metric metric, long[] labels, FloatTensor floatOutputs) {
        this.metric = metric;
        this.labels = labels;
        this.floatOutputs = floatOutputs;
    }

    public static Objective withLabels(Metric metric, long[] labels) {
        if (!metric.needsLabels()) {
            throw new IllegalArgumentException("metric " + metric.cliName() + " compares with float outputs, not labels");
        }
        return new Objective(metric, labels.clone(), null);
    }

    public static Objective againstFloat(Metric metric, FloatTensor floatOutputs) {
        if (metric.needsLabels()) {
            throw new IllegalArgumentException("metric " + metric.cliName() + " needs labels (--calib-labels)");
        }
        return new Objective(metric, null, floatOutputs);
    }

    public Metric metric() {
        return metric;
    }

    /** This objective for the first {@code samples} of the {@code total} samples it scores (outputs in sample order). */
    Objective firstSamples(int samples, int total) {
        if (labels != null) {
            return new Objective(metric, Arrays.copyOf(labels, labels.length / total * samples), null);
        }
        return new Objective(metric, null, floatOutputs.slice(0, 0, samples, 1));
    }

    public double score(FloatTensor outputs) {
        int classes = outputs.shape().rank() == 0 ? 1 : outputs.shape().dim(outputs.shape().rank() - 1);
        double[] y = outputs.data();
        int rows = classes == 0 ? 0 : y.length / classes;
        if (metric.needsLabels()) {
            if (labels.length != rows) {
                throw new IllegalArgumentException(labels.length + " labels for " + rows + " output rows of shape "
                    + outputs.shape());
            }
        } else if (!floatOutputs.shape().equals(outputs.shape())) {
            throw new IllegalArgumentException("outputs of shape " + outputs.shape() + " vs float outputs of shape "
                + floatOutputs.shape());
        }
        if (rows == 0) {
            throw new IllegalArgumentException("no outputs to score");
        }
        return switch (metric) {
            case ACCURACY -> accuracy(y, rows, classes);
            case LOSS -> crossEntropy(y, rows, classes);
            case MAE -> meanAbsError(y);
            case MAX_ABS -> maxAbsError(y);
            case KL -> klDivergence(y, rows, classes);
        };
    }

    private double accuracy(double[] y, int rows, int classes) {
        int correct = 0;
        for (int r = 0; r < rows; r++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (y[r * classes + c] > y[r * classes + best]) {
                    best = c;
                }
            }
            correct += best == label(r, classes) ? 1 : 0;
        }
        return (double) correct / rows;
    }

    private double crossEntropy(double[] y, int rows, int classes) {
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            sum -= logSoftmax(y, r * classes, classes)[label(r, classes)];
        }
        return sum / rows;
    }

    private int label(int row, int classes) {
        long l = labels[row];
        if (l < 0 || l >= classes) {
            throw new IllegalArgumentException("label " + l + " of sample " + row + " is not a class in [0, " + classes
                + ")");
        }
        return (int) l;
    }

    private double meanAbsError(double[] y) {
        double[] f = floatOutputs.data();
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum += Math.abs(y[i] - f[i]);
        }
        return sum / y.length;
    }

    private double maxAbsError(double[] y) {
        double[] f = floatOutputs.data();
        double max = 0;
        for (int i = 0; i < y.length; i++) {
            // NaN (an overflow in fixed point) must count as the worst error, not be skipped by max
            max = Double.isNaN(y[i]) ? Double.POSITIVE_INFINITY : Math.max(max, Math.abs(y[i] - f[i]));
        }
        return max;
    }

    private double klDivergence(double[] y, int rows, int classes) {
        double[] f = floatOutputs.data();
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            double[] logP = logSoftmax(f, r * classes, classes);
            double[] logQ = logSoftmax(y, r * classes, classes);
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(logP[c]) * (logP[c] - logQ[c]);
            }
        }
        return sum / rows;
    }

    /** log softmax of {@code x[from .. from+n)}, shifted by the max so large scores do not overflow. */
    static double[] logSoftmax(double[] x, int from, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, x[from + i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.exp(x[from + i] - max);
        }
        double log = max + Math.log(sum);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = x[from + i] - log;
        }
        return out;
    }
}
