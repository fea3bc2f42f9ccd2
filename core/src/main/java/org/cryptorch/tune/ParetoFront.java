package org.cryptorch.tune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The evaluated configurations no other one beats in both predicted latency and metric. */
public final class ParetoFront {
    private ParetoFront() {
    }

    /** The non-dominated configurations, fastest first. */
    public static List<Evaluated> of(List<Evaluated> evaluated, Metric metric) {
        Comparator<Evaluated> better = Comparator.comparingDouble(e -> metric.worsening(0, e.metric()));
        List<Evaluated> sorted = new ArrayList<>(evaluated);
        sorted.sort(Comparator.comparingDouble(Evaluated::seconds).thenComparing(better));
        List<Evaluated> front = new ArrayList<>();
        for (Evaluated e : sorted) {
            if (Double.isNaN(e.metric())) {
                continue; // a configuration that could not be scored is on no front
            }
            if (front.isEmpty() || metric.worsening(front.get(front.size() - 1).metric(), e.metric()) < 0) {
                front.add(e);
            }
        }
        return front;
    }
}
