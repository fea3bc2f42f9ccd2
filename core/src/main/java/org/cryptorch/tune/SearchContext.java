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
    private final Evaluations screening;
    private final Metric metric;
    private final Budget budget;
    private final double referenceMetric;
    private Double screeningReference;

    /**
     * @param screening cheaper evaluations of the same metric (see {@link Evaluator#screening}), or
     *                  {@code evaluations} itself
     */
    public SearchContext(SearchSpace space, List<Decision> decisions, Evaluations evaluations, Evaluations screening,
                         Metric metric, Budget budget) {
        this.space = space;
        this.decisions = List.copyOf(decisions);
        this.evaluations = evaluations;
        this.screening = screening;
        this.metric = metric;
        this.budget = budget;
        this.referenceMetric = evaluations.metric(space.mostAccurate());
    }

    /**
     * Screening evaluations: a strategy that probes many candidates only to rank and prune them may use these; a
     * configuration it keeps must still be judged by {@link #evaluations}.
     */
    public Evaluations screening() {
        return screening;
    }

    /** How much worse than the reference a screening metric value is (both on the screening samples). */
    public double screeningLoss(double value) {
        if (screeningReference == null) {
            screeningReference = screening == evaluations ? referenceMetric : screening.metric(space.mostAccurate());
        }
        return metric.worsening(screeningReference, value);
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
