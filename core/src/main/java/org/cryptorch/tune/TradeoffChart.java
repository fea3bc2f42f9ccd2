package org.cryptorch.tune;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Metric versus predicted latency of every evaluated configuration, with the Pareto front, reference and choice. */
final class TradeoffChart {
    private TradeoffChart() {
    }

    static void write(TuneReport report, Path file) throws IOException {
        List<Evaluated> all = report.evaluations();
        double xMin = all.stream().mapToDouble(Evaluated::seconds).min().orElse(0);
        double xMax = all.stream().mapToDouble(Evaluated::seconds).max().orElse(1);
        // non-finite metrics (a configuration that overflowed) cannot be placed; they stay in the table only
        List<Evaluated> finite = all.stream().filter(e -> Double.isFinite(e.metric())).toList();
        double yMin = finite.stream().mapToDouble(Evaluated::metric).min().orElse(0);
        double yMax = finite.stream().mapToDouble(Evaluated::metric).max().orElse(1);
        Plot p = new Plot(report.metric().cliName() + " vs predicted latency (" + report.network().name() + ", "
            + report.strategy() + ")", "predicted latency [s]", report.metric().cliName(), xMin, xMax, yMin, yMax);
        finite.forEach(e -> p.dot(e.seconds(), e.metric(), Color.GRAY, 3));
        List<Evaluated> front = report.paretoFront().stream().filter(e -> Double.isFinite(e.metric())).toList();
        for (int i = 1; i < front.size(); i++) {
            p.line(front.get(i - 1).seconds(), front.get(i - 1).metric(), front.get(i).seconds(),
                front.get(i).metric(), Color.RED);
        }
        front.forEach(e -> p.dot(e.seconds(), e.metric(), Color.RED, 5));
        p.dot(report.reference().seconds(), report.reference().metric(), Color.BLUE, 7);
        p.dot(report.chosen().seconds(), report.chosen().metric(), new Color(0, 150, 0), 7);
        p.legend(0, Color.GRAY, "evaluated (" + all.size() + ")");
        p.legend(1, Color.RED, "Pareto front (" + front.size() + ")");
        p.legend(2, Color.BLUE, "reference");
        p.legend(3, new Color(0, 150, 0), "chosen");
        p.write(file);
    }
}
