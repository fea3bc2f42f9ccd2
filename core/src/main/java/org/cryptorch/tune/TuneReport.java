package org.cryptorch.tune;

import java.util.List;

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
                         List<Evaluated> paretoFront, int searchEvaluations, int cacheHits, double searchSeconds) {
    public TuneReport {
        plan = List.copyOf(plan);
        evaluations = List.copyOf(evaluations);
        paretoFront = List.copyOf(paretoFront);
    }

    public Metric metric() {
        return options.metric();
    }

    /** Predicted speedup of the chosen configuration over the reference. */
    public double predictedSpeedup() {
        return reference.seconds() / chosen.seconds();
    }
}
