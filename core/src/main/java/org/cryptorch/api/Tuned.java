package org.cryptorch.api;

import java.util.List;
import org.cryptorch.tune.NetworkProfile;
import org.cryptorch.tune.TuneReport;

/**
 * The outcome of {@link CrypTorch#tune}: the search's report (reference and chosen plan with their metric and
 * predicted latency), predicted latencies on several networks, and the held-out figures when asked for.
 *
 * @param predictions on the tuning network first, then loopback and WAN
 * @param holdout     null without held-out samples
 */
public record Tuned(TuneReport report, List<Prediction> predictions, Holdout holdout) {
    /**
     * Predicted seconds of one network: the search's reference (the default profile with the calibration's
     * comparison widths), the tuned plan, and the default profile as {@code run} compiles it without a plan or
     * calibration (comparisons sized for documented ranges or 64 bits), which is what a measured {@code run --stats}
     * speedup compares with.
     */
    public record Prediction(NetworkProfile network, double reference, double tuned, double runDefault) {
    }

    /** The metric of the reference and the tuned plan on held-out samples. */
    public record Holdout(int samples, double reference, double tuned) {
    }

    /** The predicted speedup over the reference on the tuning network. */
    public double speedup() {
        return predictions.get(0).reference() / predictions.get(0).tuned();
    }
}
