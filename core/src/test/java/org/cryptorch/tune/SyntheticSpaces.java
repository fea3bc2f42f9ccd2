package org.cryptorch.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cryptorch.approx.KnobValues;

/**
 * Search spaces with known answers: each candidate costs a given number of rounds (1 ms each on {@link #NETWORK},
 * no bytes, no compute worth counting) and loses a given amount of accuracy; losses add up across sites.
 */
final class SyntheticSpaces {
    static final NetworkProfile NETWORK = NetworkProfile.ofMillisAndMbits("test", 2, 1e9); // a round: 1 ms
    static final ComputeCalibration FAST = new ComputeCalibration(1e30, 1e30);
    static final double REFERENCE_ACCURACY = 0.9;

    private SyntheticSpaces() {
    }

    /** rounds[s][c] and loss[s][c] per site and candidate; sites named s0, s1, ... with likeness from {@code kinds}. */
    static SearchSpace space(long[][] rounds, String... kinds) {
        List<Site> sites = new ArrayList<>();
        for (int s = 0; s < rounds.length; s++) {
            List<Candidate> cs = new ArrayList<>();
            for (int c = 0; c < rounds[s].length; c++) {
                cs.add(new Candidate("gelu.poly", KnobValues.of(Map.of("order", String.valueOf(c))),
                    List.of(CostedOp.of("s" + s, "Ltz", rounds[s][c], 0, 0, 0, 0))));
            }
            String kind = kinds.length > s ? kinds[s] : "site" + s;
            sites.add(new Site("s" + s, "Gelu", kind, cs));
        }
        return new SearchSpace(sites);
    }

    /** Accuracy = reference minus the chosen candidates' losses (the last candidate of every site loses 0). */
    static Evaluator additive(double[][] loss) {
        return (a, seed) -> {
            double acc = REFERENCE_ACCURACY;
            for (int s = 0; s < a.size(); s++) {
                acc -= loss[s][a.choice(s)];
            }
            return acc;
        };
    }

    static Tuner tuner(SearchSpace space, Evaluator evaluator, String budget, int threads) {
        return new Tuner(space, evaluator, new CostModel(NETWORK, FAST), List.of(),
            new TuneOptions(Metric.ACCURACY, Budget.parse(budget), 7, threads, false));
    }
}
