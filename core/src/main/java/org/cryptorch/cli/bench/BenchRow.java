package org.cryptorch.cli.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runs of one model on one network, summarised: the median online time (and the run it came from, for the
 * per-op breakdown), the rounds and bytes (the same in every run: the protocols are data-oblivious, so a difference
 * is an error), the largest error of any run, and the cost model's prediction.
 */
public final class BenchRow {
    private final String model;
    private final BenchNetwork network;
    private final double predictedSeconds;
    private final List<RunFigures> runs = new ArrayList<>();

    BenchRow(String model, BenchNetwork network, double predictedSeconds, List<RunFigures> runs) {
        this.model = model;
        this.network = network;
        this.predictedSeconds = predictedSeconds;
        runs.forEach(this::add);
    }

    private void add(RunFigures run) {
        if (!runs.isEmpty() && (runs.get(0).rounds() != run.rounds()
            || runs.get(0).bytesPerParty() != run.bytesPerParty())) {
            throw new IllegalStateException(model + " on " + network.name() + ": runs differ in rounds or bytes ("
                + runs.get(0).rounds() + " vs " + run.rounds() + " rounds, " + runs.get(0).bytesPerParty() + " vs "
                + run.bytesPerParty() + " bytes)");
        }
        runs.add(run);
    }

    String model() {
        return model;
    }

    BenchNetwork network() {
        return network;
    }

    int runCount() {
        return runs.size();
    }

    double predictedSeconds() {
        return predictedSeconds;
    }

    /** The run with the median online time (the upper median of an even count). */
    RunFigures median() {
        RunFigures[] sorted = runs.toArray(RunFigures[]::new);
        Arrays.sort(sorted, (a, b) -> Double.compare(a.onlineSeconds(), b.onlineSeconds()));
        return sorted[sorted.length / 2];
    }

    double fastest() {
        return runs.stream().mapToDouble(RunFigures::onlineSeconds).min().orElse(Double.NaN);
    }

    double slowest() {
        return runs.stream().mapToDouble(RunFigures::onlineSeconds).max().orElse(Double.NaN);
    }

    double maxError() {
        return runs.stream().mapToDouble(RunFigures::maxError).max().orElse(Double.NaN);
    }

    /** The lowest accuracy of any run (NaN without labels). */
    double accuracy() {
        return runs.stream().mapToDouble(RunFigures::accuracy).min().orElse(Double.NaN);
    }

    /** The median run's seconds per op kind, largest first. */
    Map<String, Double> secondsByOp() {
        Map<String, Double> sorted = new LinkedHashMap<>();
        median().secondsByOp().entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
            .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
