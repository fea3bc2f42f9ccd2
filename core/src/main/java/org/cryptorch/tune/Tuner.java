package org.cryptorch.tune;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Runs a search strategy over a space and assembles the {@link TuneReport}. */
public final class Tuner {
    private final SearchSpace space;
    private final Evaluator evaluator;
    private final CostModel costModel;
    private final AdditiveLatency latency;
    private final TuneOptions options;

    /**
     * @param otherOps the model's ops outside approximation sites (linear layers...), whose cost no choice changes
     */
    public Tuner(SearchSpace space, Evaluator evaluator, CostModel costModel, List<? extends CostedOp> otherOps,
                 TuneOptions options) {
        this.space = space;
        this.evaluator = evaluator;
        this.costModel = costModel;
        this.latency = new AdditiveLatency(space, costModel, otherOps);
        this.options = options;
    }

    public TuneReport tune(SearchStrategy strategy) {
        return tune(strategy, e -> { });
    }

    /** @param progress told of every evaluation as it completes (e.g. to draw a progress bar) */
    public TuneReport tune(SearchStrategy strategy, Consumer<Evaluated> progress) {
        Evaluator screener = evaluator.screening();
        try (Evaluations evaluations = new Evaluations(evaluator, options.seed(), latency, options.threads(),
            progress);
             Evaluations screening = screener == evaluator ? null
                 : new Evaluations(screener, options.seed(), latency, options.threads(), progress)) {
            long start = System.nanoTime();
            SearchContext ctx = new SearchContext(space, space.decisions(options.tieAlike()), evaluations,
                screening == null ? evaluations : screening, options.metric(), options.budget());
            Assignment chosen = strategy.search(ctx);
            space.check(chosen);
            double searchSeconds = (System.nanoTime() - start) / 1e9;
            int searchEvaluations = evaluations.evaluated();
            int hits = evaluations.hits();
            double chosenMetric = evaluations.metric(chosen);
            if (!ctx.withinBudget(chosenMetric)) {
                throw new IllegalStateException(strategy.name() + " returned " + chosen + " with " + options.metric()
                    .cliName() + " " + chosenMetric + ", outside the budget " + options.budget() + " of reference "
                    + ctx.referenceMetric());
            }
            List<SitePlan> plan = plan(ctx, chosen);
            List<Evaluated> log = evaluations.log();
            return new TuneReport(strategy.name(), costModel.network(), options,
                new Evaluated(space.mostAccurate(), ctx.referenceMetric(), latency.seconds(space.mostAccurate())),
                new Evaluated(chosen, chosenMetric, latency.seconds(chosen)), plan, log,
                ParetoFront.of(log, options.metric()), searchEvaluations, hits, searchSeconds, Map.of(),
                Map.of());
        }
    }

    /**
     * Per-site choices with cost; the error of each changed site alone is measured (in one parallel batch). Tied
     * alike sites are measured together, as the decision they are (the search's sensitivity probe, so no new
     * evaluation): alone, one of four alike layers would cost a model-sized evaluation to tell little more.
     */
    private List<SitePlan> plan(SearchContext ctx, Assignment chosen) {
        Assignment ref = space.mostAccurate();
        Map<Integer, Decision> decisionOf = new HashMap<>();
        ctx.decisions().forEach(d -> d.sites().forEach(s -> decisionOf.put(s, d)));
        List<Assignment> alone = new ArrayList<>();
        for (int s = 0; s < space.sites().size(); s++) {
            if (chosen.choice(s) != ref.choice(s)) {
                alone.add(ref.with(decisionOf.get(s), chosen.choice(s)));
            }
        }
        List<Double> metrics = ctx.evaluations().metrics(alone);
        List<SitePlan> plan = new ArrayList<>();
        int k = 0;
        for (int s = 0; s < space.sites().size(); s++) {
            Site site = space.site(s);
            Candidate c = site.candidates().get(chosen.choice(s));
            Double loss = chosen.choice(s) != ref.choice(s) ? finiteOrNull(ctx.loss(metrics.get(k++))) : null;
            plan.add(new SitePlan(site.id(), site.op(), c.approximation(), c.knobs().asMap(),
                c.ops().stream().mapToLong(CostedOp::rounds).sum(),
                c.ops().stream().mapToLong(CostedOp::bytesPerParty).sum(),
                c.ops().stream().mapToLong(CostedOp::offlineBytes).sum(),
                latency.siteSeconds(s, chosen.choice(s)), latency.siteSeconds(s, site.mostAccurate()), loss));
        }
        return plan;
    }

    /** A site whose choice alone could not be scored gets no measured error (JSON has no NaN). */
    private static Double finiteOrNull(double loss) {
        return Double.isFinite(loss) ? loss : null;
    }
}
