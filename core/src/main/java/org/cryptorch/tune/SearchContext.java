package org.cryptorch.tune;

import java.util.List;

/**
 * What a strategy searches with: the space, its decisions, the evaluations (cached, parallel), the metric and the
 * budget, relative to the reference configuration (every site at its most accurate candidate).
 */
public final class SearchContext {
    private final SearchSpace space;
    private final List<Decision> decisions;
    private final Evaluations evaluations;
    private final Metric metric;
    private final Budget budget;
    private final double referenceMetric;

    public SearchContext(SearchSpace space, List<Decision> decisions, Evaluations evaluations, Metric metric,
                         Budget budget) {
        this.space = space;
        this.decisions = List.copyOf(decisions);
        this.evaluations = evaluations;
        this.metric = metric;
        this.budget = budget;
        this.referenceMetric = evaluations.metric(space.mostAccurate());
    }

    public SearchSpace space() {
        return space;
    }

    public List<Decision> decisions() {
        return decisions;
    }

    public Evaluations evaluations() {
        return evaluations;
    }

    public Metric metric() {
        return metric;
    }

    public Budget budget() {
        return budget;
    }

    public double referenceMetric() {
        return referenceMetric;
    }

    /** How much worse than the reference a metric value is. */
    public double loss(double value) {
        return metric.worsening(referenceMetric, value);
    }

    public boolean withinBudget(double value) {
        return budget.admits(metric, referenceMetric, value);
    }

    /** Whether a worsening of {@code loss} against the reference is within budget. */
    public boolean lossWithinBudget(double loss) {
        return budget.admitsLoss(referenceMetric, loss);
    }

    /** The metric worsening the budget allows. */
    public double allowedLoss() {
        return budget.allowed(referenceMetric);
    }
}
