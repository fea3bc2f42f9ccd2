package org.cryptorch.tune;

/**
 * The paper's tuner (CrypTorch's {@code greedy_binary}): start with every site at its most accurate candidate; walk
 * the decisions in graph order, and for each binary-search the cheapest candidate that keeps the metric within
 * budget with all other sites as already fixed, assuming accuracy is monotone in the candidate index. It never
 * looks at cost, so an early site may spend the whole budget on a small saving.
 */
public final class GreedyBinarySearch implements SearchStrategy {
    @Override
    public String name() {
        return "greedy-binary";
    }

    @Override
    public Assignment search(SearchContext ctx) {
        Assignment current = ctx.space().mostAccurate();
        for (Decision d : ctx.decisions()) {
            int good = d.mostAccurate();
            int bad = -1;
            while (good - bad > 1) {
                int probe = (bad + good) >>> 1;
                if (ctx.withinBudget(ctx.evaluations().metric(current.with(d, probe)))) {
                    good = probe;
                } else {
                    bad = probe;
                }
            }
            current = current.with(d, good);
        }
        return current;
    }
}
