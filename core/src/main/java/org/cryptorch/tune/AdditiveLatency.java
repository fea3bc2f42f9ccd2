package org.cryptorch.tune;

import java.util.List;

/**
 * Latency as the fixed cost of the model's other ops plus each site's chosen candidate, costed on its own. It
 * ignores fusion across sites (a slight over-estimate when sites share rounds), which keeps the search's cost
 * of a move independent of the rest; the final plan is costed on its real schedule by the {@link CostModel}.
 */
public final class AdditiveLatency implements LatencyModel {
    private final double fixedSeconds;
    private final double[][] siteSeconds;

    public AdditiveLatency(SearchSpace space, CostModel model, List<? extends CostedOp> otherOps) {
        this.fixedSeconds = model.seconds(otherOps);
        List<Site> sites = space.sites();
        siteSeconds = new double[sites.size()][];
        for (int s = 0; s < sites.size(); s++) {
            List<Candidate> cs = sites.get(s).candidates();
            siteSeconds[s] = cs.stream().mapToDouble(c -> model.seconds(c.ops())).toArray();
        }
    }

    /** Predicted seconds of candidate {@code candidate} at site {@code site}. */
    public double siteSeconds(int site, int candidate) {
        return siteSeconds[site][candidate];
    }

    public double fixedSeconds() {
        return fixedSeconds;
    }

    @Override
    public double seconds(Assignment a) {
        double s = fixedSeconds;
        for (int i = 0; i < siteSeconds.length; i++) {
            s += siteSeconds[i][a.choice(i)];
        }
        return s;
    }
}
