package org.cryptorch.tune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Our tuner: cost-benefit greedy along each decision's Pareto front, then a swap pass.
 * <ol>
 * <li>Sensitivity: every decision is measured alone at each cheaper candidate (all in parallel), giving each
 * candidate's metric loss; candidates that alone break the budget are never tried again. These probes use the
 * screening evaluations ({@link SearchContext#screening}: fewer samples when the calibration comes in several
 * batches), since they only rank and prune; every move the greedy takes is judged on all samples.</li>
 * <li>Greedy: repeatedly rank the moves to a cheaper candidate by predicted seconds saved per unit of added loss
 * (loss-free moves first, by saving), evaluate the best few together (one per thread), and take the best-ranked that
 * keeps the whole assignment within budget. Unlike graph order, the budget goes to the sites where it buys the most
 * latency.</li>
 * <li>Swap: ratio greedy can spend the budget on many small savings and then lack room for one large one; try each
 * rejected move together with reverting one already-moved decision, when that is a net saving.</li>
 * </ol>
 * Every returned assignment has been evaluated within budget; the order of evaluation does not depend on threads.
 */
public final class CostBenefitSearch implements SearchStrategy {
    @Override
    public String name() {
        return "cost-benefit";
    }

    @Override
    public Assignment search(SearchContext ctx) {
        List<Decision> decisions = ctx.decisions();
        double[][] aloneLoss = sensitivities(ctx);
        int[] idx = decisions.stream().mapToInt(Decision::mostAccurate).toArray();
        boolean[][] rejected = new boolean[decisions.size()][];
        for (int d = 0; d < decisions.size(); d++) {
            rejected[d] = new boolean[decisions.get(d).candidates()];
        }
        Assignment current = greedy(ctx, ctx.space().mostAccurate(), idx, aloneLoss, rejected);
        return swap(ctx, current, idx, aloneLoss, rejected);
    }

    /** Loss of each decision's candidate when it alone leaves the reference (0 for the reference candidate). */
    private static double[][] sensitivities(SearchContext ctx) {
        Assignment ref = ctx.space().mostAccurate();
        List<Assignment> probes = new ArrayList<>();
        for (Decision d : ctx.decisions()) {
            for (int c = 0; c < d.mostAccurate(); c++) {
                probes.add(ref.with(d, c));
            }
        }
        List<Double> metrics = ctx.screening().metrics(probes);
        double[][] loss = new double[ctx.decisions().size()][];
        int k = 0;
        for (int d = 0; d < loss.length; d++) {
            loss[d] = new double[ctx.decisions().get(d).candidates()];
            for (int c = 0; c < loss[d].length - 1; c++) {
                loss[d][c] = ctx.screeningLoss(metrics.get(k++));
            }
        }
        return loss;
    }

    private static Assignment greedy(SearchContext ctx, Assignment start, int[] idx, double[][] aloneLoss,
                                     boolean[][] rejected) {
        Assignment current = start;
        while (true) {
            List<Move> moves = moves(ctx, current, idx, aloneLoss, rejected);
            if (moves.isEmpty()) {
                return current;
            }
            List<Move> batch = moves.subList(0, Math.min(ctx.evaluations().parallelism(), moves.size()));
            List<Assignment> tried = new ArrayList<>();
            for (Move m : batch) {
                tried.add(current.with(ctx.decisions().get(m.decision()), m.candidate()));
            }
            List<Double> metrics = ctx.evaluations().metrics(tried);
            for (int i = 0; i < batch.size(); i++) {
                Move m = batch.get(i);
                if (ctx.withinBudget(metrics.get(i))) {
                    current = tried.get(i);
                    idx[m.decision()] = m.candidate();
                    break;
                }
                rejected[m.decision()][m.candidate()] = true;
            }
        }
    }

    /** Moves from {@code current} to cheaper, not yet rejected candidates that alone fit the budget; best first. */
    private static List<Move> moves(SearchContext ctx, Assignment current, int[] idx, double[][] aloneLoss,
                                    boolean[][] rejected) {
        // a small floor keeps loss-free moves finite and ranks them by saving alone
        double floor = 1e-9 + 1e-3 * ctx.allowedLoss();
        double now = ctx.evaluations().seconds(current);
        List<Move> moves = new ArrayList<>();
        for (int d = 0; d < idx.length; d++) {
            Decision decision = ctx.decisions().get(d);
            double lossNow = Math.max(0, aloneLoss[d][idx[d]]);
            for (int c = 0; c < idx[d]; c++) {
                if (rejected[d][c] || !ctx.lossWithinBudget(aloneLoss[d][c])) {
                    continue;
                }
                double saving = now - ctx.evaluations().seconds(current.with(decision, c));
                if (saving > 0) {
                    double added = Math.max(0, aloneLoss[d][c] - lossNow);
                    moves.add(new Move(d, c, saving, added, saving / (added + floor)));
                }
            }
        }
        moves.sort(Comparator.comparingDouble(Move::score).reversed()
            .thenComparingInt(Move::decision).thenComparingInt(Move::candidate));
        return moves;
    }

    private static Assignment swap(SearchContext ctx, Assignment current, int[] idx, double[][] aloneLoss,
                                   boolean[][] rejected) {
        List<Decision> decisions = ctx.decisions();
        int attempts = decisions.size();
        List<Move> retry = new ArrayList<>();
        for (int d = 0; d < idx.length; d++) {
            for (int c = 0; c < idx[d]; c++) {
                if (rejected[d][c]) {
                    retry.add(new Move(d, c, ctx.evaluations().seconds(current)
                        - ctx.evaluations().seconds(current.with(decisions.get(d), c)), aloneLoss[d][c], 0));
                }
            }
        }
        retry.sort(Comparator.comparingDouble(Move::saving).reversed()
            .thenComparingInt(Move::decision).thenComparingInt(Move::candidate));
        for (Move m : retry) {
            if (m.candidate() >= idx[m.decision()]) {
                continue; // an earlier swap already moved this decision at least as far
            }
            for (int back : revertOrder(ctx, current, idx, m.decision())) {
                if (attempts-- <= 0) {
                    return current;
                }
                Decision revert = decisions.get(back);
                Assignment trial = current.with(decisions.get(m.decision()), m.candidate())
                    .with(revert, revert.mostAccurate());
                if (ctx.evaluations().seconds(trial) < ctx.evaluations().seconds(current)
                    && ctx.withinBudget(ctx.evaluations().metric(trial))) {
                    current = trial;
                    idx[m.decision()] = m.candidate();
                    idx[back] = revert.mostAccurate();
                    break;
                }
            }
        }
        return current;
    }

    /** Moved decisions other than {@code except}, cheapest to revert first (the least saving given back). */
    private static List<Integer> revertOrder(SearchContext ctx, Assignment current, int[] idx, int except) {
        double now = ctx.evaluations().seconds(current);
        Integer[] moved = IntStream.range(0, idx.length)
            .filter(d -> d != except && idx[d] != ctx.decisions().get(d).mostAccurate())
            .boxed().toArray(Integer[]::new);
        Arrays.sort(moved, Comparator.comparingDouble((Integer d) -> ctx.evaluations()
            .seconds(current.with(ctx.decisions().get(d), ctx.decisions().get(d).mostAccurate())) - now)
            .thenComparingInt(d -> d));
        return List.of(moved);
    }
}
