package org.cryptorch.tune;

import java.util.List;
import java.util.Map;

/**
 * Everything a tuning run found: every evaluated configuration (metric, predicted latency), their Pareto front,
 * the reference and chosen configurations, the chosen plan per site, and what the search cost.
 *
 * @param searchEvaluations distinct configurations the strategy evaluated (without the per-site error measurement)
 * @param cacheHits         requests the strategy answered from earlier evaluations
 * @param searchSeconds     wall-clock time of the search
 */
public record TuneReport(String strategy, NetworkProfile network, TuneOptions options,
                         Evaluated reference, Evaluated chosen, List<SitePlan> plan, List<Evaluated> evaluations,
                         List<Evaluated> paretoFront, int searchEvaluations, int cacheHits, double searchSeconds,
                         Map<String, Integer> comparisonWidths, Map<String, Double> calibratedInputs) {
    public TuneReport {
        comparisonWidths = Map.copyOf(comparisonWidths);
        calibratedInputs = Map.copyOf(calibratedInputs);
        plan = List.copyOf(plan);
        evaluations = List.copyOf(evaluations);
        paretoFront = List.copyOf(paretoFront);
    }

    /**
     * A copy carrying the comparison widths the chosen plan compiles to on the calibration data (by comparison node
     * name), so the plan file fixes them for runs that have no calibration data, and the largest input magnitudes of
     * the samples that sized them ({@code Plan.calibratedInputs}), so those runs can check their inputs.
     */
    public TuneReport withCalibration(Map<String, Integer> widths, Map<String, Double> inputs) {
        return new TuneReport(strategy, network, options, reference, chosen, plan, evaluations, paretoFront,
            searchEvaluations, cacheHits, searchSeconds, widths, inputs);
    }

    public Metric metric() {
        return options.metric();
    }

    /** Predicted speedup of the chosen configuration over the reference. */
    public double predictedSpeedup() {
        return reference.seconds() / chosen.seconds();
    }
}
