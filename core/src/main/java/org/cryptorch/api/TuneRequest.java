package org.cryptorch.api;

import java.nio.file.Path;
import org.cryptorch.tensor.Tensor;
import org.cryptorch.tune.Metric;
import org.cryptorch.tune.NetworkProfile;
import org.cryptorch.tune.SearchStrategy;
import org.cryptorch.tune.TuneOptions;

/**
 * What {@link CrypTorch#tune} searches with and writes: calibration samples (real or integer, like the model's
 * input; first axis = samples) with optional labels, the metric, budget and seed ({@code options}), the network the
 * cost model prices, the search strategy, optional held-out samples to re-measure the plan on, the plan file and an
 * optional report folder.
 */
public record TuneRequest(Tensor calibration, long[] labels, TuneOptions options, NetworkProfile network,
                          SearchStrategy strategy, Tensor holdout, long[] holdoutLabels, Path output, Path report) {
    /** The metric when none is asked for: accuracy with labels, else the mean absolute error against float. */
    public static Metric defaultMetric(long[] labels) {
        return labels != null ? Metric.ACCURACY : Metric.MAE;
    }
}
