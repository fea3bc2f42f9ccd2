package org.cryptorch.tune;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SearchStrategiesTest {
    private static final SearchStrategy PAPER = new GreedyBinarySearch();
    private static final SearchStrategy OURS = new CostBenefitSearch();

    /**
     * Site 0 comes first in graph order and saves little (100 -> 90 rounds) for one accuracy point; site 1 saves a
     * lot (100 -> 10) for the same point. Budget: one point. Graph order spends it on site 0.
     */
    private static final long[][] WASTEFUL_ROUNDS = {{90, 100}, {10, 100}};
    private static final double[][] WASTEFUL_LOSS = {{0.01, 0}, {0.01, 0}};

    @Test
    void graphOrderGreedyWastesTheBudgetOnAnEarlySiteAndCostBenefitDoesNot() {
        SearchSpace space = SyntheticSpaces.space(WASTEFUL_ROUNDS);
        Evaluator eval = SyntheticSpaces.additive(WASTEFUL_LOSS);
        TuneReport paper = SyntheticSpaces.tuner(space, eval, "0.01", 2).tune(PAPER);
        TuneReport ours = SyntheticSpaces.tuner(space, eval, "0.01", 2).tune(OURS);
        System.out.printf("wasteful case: paper %s %.3f s, ours %s %.3f s (reference %.3f s)%n",
            paper.chosen().assignment(), paper.chosen().seconds(), ours.chosen().assignment(),
            ours.chosen().seconds(), ours.reference().seconds());
        assertThat(paper.chosen().assignment()).isEqualTo(Assignment.of(0, 1));
        assertThat(paper.chosen().seconds()).isCloseTo(0.190, within());
        assertThat(ours.chosen().assignment()).isEqualTo(Assignment.of(1, 0));
        assertThat(ours.chosen().seconds()).isCloseTo(0.110, within());
    }

    /**
     * Site 0 saves 10 rounds for a twentieth of a point, site 1 saves 100 for a whole point; budget one point. Per
     * unit of loss site 0 saves more (200 rounds per point vs 100), so the ratio greedy takes it first and then
     * cannot afford site 1; the swap pass trades site 0 back for site 1.
     */
    @Test
    void swapPassTradesSmallSavingsForALargeOne() {
        long[][] rounds = {{90, 100}, {10, 110}};
        double[][] loss = {{0.0005, 0}, {0.01, 0}};
        SearchSpace space = SyntheticSpaces.space(rounds);
        TuneReport paper = SyntheticSpaces.tuner(space, SyntheticSpaces.additive(loss), "0.01", 1).tune(PAPER);
        TuneReport ours = SyntheticSpaces.tuner(space, SyntheticSpaces.additive(loss), "0.01", 1).tune(OURS);
        assertThat(paper.chosen().assignment()).isEqualTo(Assignment.of(0, 1));
        assertThat(ours.chosen().assignment()).isEqualTo(Assignment.of(1, 0));
        assertThat(ours.chosen().seconds()).isCloseTo(0.110, within());
    }

    /**
     * A screening estimate that wrongly calls site 1's cheap candidate free: the probes trust it for ranking, but
     * the move is judged on the full evaluator, which finds it over budget, so the plan stays within budget.
     */
    @Test
    void costBenefitProbesOnTheScreeningEstimateAndJudgesMovesOnTheFullEvaluator() {
        SearchSpace space = SyntheticSpaces.space(WASTEFUL_ROUNDS);
        Evaluator full = SyntheticSpaces.additive(new double[][] {{0.01, 0}, {0.02, 0}});
        Evaluator optimistic = SyntheticSpaces.additive(new double[][] {{0.01, 0}, {0, 0}});
        java.util.concurrent.atomic.AtomicInteger screened = new java.util.concurrent.atomic.AtomicInteger();
        Evaluator withScreening = new Evaluator() {
            @Override
            public double evaluate(Assignment a, long seed) {
                return full.evaluate(a, seed);
            }

            @Override
            public Evaluator screening() {
                return (a, seed) -> {
                    screened.incrementAndGet();
                    return optimistic.evaluate(a, seed);
                };
            }
        };
        TuneReport ours = SyntheticSpaces.tuner(space, withScreening, "0.01", 1).tune(OURS);
        // reference + two probes on the screening estimate
        assertThat(screened.get()).isEqualTo(3);
        // site 1 alone (free by the estimate, 0.02 in truth) is rejected; site 0 alone fits the budget
        assertThat(ours.chosen().assignment()).isEqualTo(Assignment.of(0, 1));
        assertThat(ours.reference().metric() - ours.chosen().metric()).isLessThanOrEqualTo(0.01 + 1e-12);
    }

    @Test
    void evaluationsAndCacheHitsAreCountedExactly() {
        SearchSpace space = SyntheticSpaces.space(WASTEFUL_ROUNDS);
        Evaluator eval = SyntheticSpaces.additive(WASTEFUL_LOSS);
        // paper: reference, probe site 0 at 0 (ok), probe site 1 at 0 with site 0 at 0 (fails): 3, nothing repeated
        TuneReport paper = SyntheticSpaces.tuner(space, eval, "0.01", 1).tune(PAPER);
        assertThat(paper.searchEvaluations()).isEqualTo(3);
        assertThat(paper.cacheHits()).isZero();
        // ours, one thread: reference + 2 sensitivities; the best move (site 1 alone) is a sensitivity already
        // measured (1 hit); then site 0 on top fails (1 new); the swap would be slower, so it is not evaluated
        TuneReport one = SyntheticSpaces.tuner(space, eval, "0.01", 1).tune(OURS);
        assertThat(one.searchEvaluations()).isEqualTo(4);
        assertThat(one.cacheHits()).isEqualTo(1);
        // two threads evaluate the two best moves together: both are cached sensitivities
        TuneReport two = SyntheticSpaces.tuner(space, eval, "0.01", 2).tune(OURS);
        assertThat(two.searchEvaluations()).isEqualTo(4);
        assertThat(two.cacheHits()).isEqualTo(2);
        assertThat(two.chosen()).isEqualTo(one.chosen());
        assertThat(two.evaluations()).isEqualTo(one.evaluations());
    }

    @Test
    void bothStrategiesRespectTheBudgetOnRandomMonotoneSpacesAndOursIsNearTheOptimum() {
        SplittableRandom random = new SplittableRandom(11);
        double paperTotal = 0;
        double oursTotal = 0;
        double optimumTotal = 0;
        int oursBetter = 0;
        int paperBetter = 0;
        for (int trial = 0; trial < 40; trial++) {
            int sites = 2 + random.nextInt(4);
            long[][] rounds = new long[sites][];
            double[][] loss = new double[sites][];
            randomMonotone(random, rounds, loss);
            String budget = List.of("0", "0.01", "0.03").get(trial % 3);
            SearchSpace space = SyntheticSpaces.space(rounds);
            Evaluator eval = SyntheticSpaces.additive(loss);
            TuneReport paper = SyntheticSpaces.tuner(space, eval, budget, 2).tune(PAPER);
            TuneReport ours = SyntheticSpaces.tuner(space, eval, budget, 2).tune(OURS);
            double allowed = Budget.parse(budget).amount() + 1e-12;
            assertThat(SyntheticSpaces.REFERENCE_ACCURACY - paper.chosen().metric()).isLessThanOrEqualTo(allowed);
            assertThat(SyntheticSpaces.REFERENCE_ACCURACY - ours.chosen().metric()).isLessThanOrEqualTo(allowed);
            double optimum = BruteForce.cheapestWithin(space, eval, allowed);
            assertThat(ours.chosen().seconds()).isGreaterThanOrEqualTo(optimum - 1e-12);
            assertThat(paper.chosen().seconds()).isGreaterThanOrEqualTo(optimum - 1e-12);
            paperTotal += paper.chosen().seconds();
            oursTotal += ours.chosen().seconds();
            optimumTotal += optimum;
            oursBetter += ours.chosen().seconds() < paper.chosen().seconds() - 1e-12 ? 1 : 0;
            paperBetter += paper.chosen().seconds() < ours.chosen().seconds() - 1e-12 ? 1 : 0;
        }
        System.out.printf("40 random spaces: total predicted seconds paper %.3f, ours %.3f, optimum %.3f; "
            + "ours cheaper in %d, paper cheaper in %d%n", paperTotal, oursTotal, optimumTotal, oursBetter,
            paperBetter);
        assertThat(oursTotal).isLessThan(paperTotal);
    }

    /** Cheapest first: rounds rise and losses fall with the candidate index; the last candidate loses nothing. */
    private static void randomMonotone(SplittableRandom random, long[][] rounds, double[][] loss) {
        for (int s = 0; s < rounds.length; s++) {
            int n = 2 + random.nextInt(4);
            rounds[s] = new long[n];
            loss[s] = new double[n];
            long r = 1 + random.nextInt(20);
            for (int c = 0; c < n; c++) {
                rounds[s][c] = r;
                r += 1 + random.nextInt(40);
            }
            double l = 0;
            for (int c = n - 2; c >= 0; c--) {
                // a third of the cheaper steps are free: budget 0 then still has something to find
                l += random.nextInt(3) == 0 ? 0 : random.nextInt(1, 25) / 1000.0;
                loss[s][c] = l;
            }
        }
    }

    @Test
    void sameSeedSamePlanWithNoisyEvaluationsOnTwoThreads() {
        long[][] rounds = {{5, 20, 40}, {3, 30}, {10, 12, 50, 60}, {1, 70}};
        SearchSpace space = SyntheticSpaces.space(rounds);
        // the noise depends on assignment and seed only (as the PlainBackend's truncation randomness would)
        Evaluator noisy = (a, seed) -> {
            double acc = 0.9;
            for (int s = 0; s < a.size(); s++) {
                acc -= 0.004 * (rounds[s].length - 1 - a.choice(s));
            }
            return acc + new SplittableRandom(seed * 31 + a.hashCode()).nextDouble(-0.003, 0.003);
        };
        for (SearchStrategy strategy : List.of(PAPER, OURS)) {
            TuneReport first = SyntheticSpaces.tuner(space, noisy, "0.01", 2).tune(strategy);
            TuneReport second = SyntheticSpaces.tuner(space, noisy, "0.01", 2).tune(strategy);
            assertThat(second.plan()).isEqualTo(first.plan());
            assertThat(second.evaluations()).isEqualTo(first.evaluations());
        }
    }

    @Test
    void tyingAlikeSitesSearchesOneDecisionPerKind() {
        long[][] rounds = {{10, 100}, {10, 100}, {10, 100}, {50, 60}};
        double[][] loss = {{0.002, 0}, {0.002, 0}, {0.002, 0}, {0.02, 0}};
        SearchSpace space = SyntheticSpaces.space(rounds, "gelu[128]", "gelu[128]", "gelu[128]", "exp[64]");
        assertThat(space.decisions(true)).extracting(Decision::sites)
            .containsExactly(List.of(0, 1, 2), List.of(3));
        Tuner tied = new Tuner(space, SyntheticSpaces.additive(loss), new CostModel(SyntheticSpaces.NETWORK,
            SyntheticSpaces.FAST), List.of(), new TuneOptions(Metric.ACCURACY, Budget.parse("0.01"), 1, 1, true));
        TuneReport t = tied.tune(OURS);
        TuneReport untied = SyntheticSpaces.tuner(space, SyntheticSpaces.additive(loss), "0.01", 1).tune(OURS);
        System.out.printf("tied: %d evaluations, untied: %d%n", t.searchEvaluations(), untied.searchEvaluations());
        assertThat(t.chosen().assignment()).isEqualTo(Assignment.of(0, 0, 0, 1));
        assertThat(untied.chosen().assignment()).isEqualTo(Assignment.of(0, 0, 0, 1));
        assertThat(t.searchEvaluations()).isLessThan(untied.searchEvaluations());
    }

    @Test
    void budgetZeroTakesOnlyLossFreeCandidates() {
        long[][] rounds = {{5, 8, 20}, {4, 30}};
        double[][] loss = {{0.05, 0, 0}, {0.001, 0}};
        TuneReport paper = SyntheticSpaces.tuner(SyntheticSpaces.space(rounds), SyntheticSpaces.additive(loss), "0", 2)
            .tune(PAPER);
        TuneReport ours = SyntheticSpaces.tuner(SyntheticSpaces.space(rounds), SyntheticSpaces.additive(loss), "0", 2)
            .tune(OURS);
        assertThat(paper.chosen().assignment()).isEqualTo(Assignment.of(1, 1));
        assertThat(ours.chosen().assignment()).isEqualTo(Assignment.of(1, 1));
        assertThat(ours.chosen().metric()).isEqualTo(SyntheticSpaces.REFERENCE_ACCURACY);
        assertThat(ours.plan().get(0).measuredLoss()).isEqualTo(0.0);
        assertThat(ours.plan().get(1).measuredLoss()).isNull();
    }

    @Test
    void unscorableConfigurationsAreNeverChosenNorOnTheFront() {
        long[][] rounds = {{5, 8, 20}, {4, 30}};
        double[][] loss = {{0, 0, 0}, {0, 0}};
        Evaluator additive = SyntheticSpaces.additive(loss);
        // the cheapest candidate of site 0 does not compile (NaN), whatever the other site does
        Evaluator failing = (a, seed) -> a.choice(0) == 0 ? Double.NaN : additive.evaluate(a, seed);
        for (SearchStrategy strategy : List.of(PAPER, OURS)) {
            TuneReport r = SyntheticSpaces.tuner(SyntheticSpaces.space(rounds), failing, "0.01", 2).tune(strategy);
            assertThat(r.chosen().assignment()).as(strategy.name()).isEqualTo(Assignment.of(1, 0));
            assertThat(r.paretoFront()).extracting(Evaluated::metric).allMatch(Double::isFinite);
        }
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }
}
