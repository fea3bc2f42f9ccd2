package org.cryptorch.tune;

import java.util.List;

/** The exact optimum of a small space by enumerating every assignment: the yardstick for the strategies. */
final class BruteForce {
    private BruteForce() {
    }

    static double cheapestWithin(SearchSpace space, Evaluator eval, double allowedLoss) {
        LatencyModel latency = new AdditiveLatency(space, new CostModel(SyntheticSpaces.NETWORK, SyntheticSpaces.FAST),
            List.of());
        double reference = eval.evaluate(space.mostAccurate(), 0);
        int n = space.sites().size();
        int[] c = new int[n];
        double best = Double.POSITIVE_INFINITY;
        while (true) {
            Assignment a = Assignment.of(c);
            if (reference - eval.evaluate(a, 0) <= allowedLoss) {
                best = Math.min(best, latency.seconds(a));
            }
            int i = 0;
            while (i < n && ++c[i] == space.site(i).candidates().size()) {
                c[i++] = 0;
            }
            if (i == n) {
                return best;
            }
        }
    }
}
