package org.cryptorch.cli.bench;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cryptorch.tune.Plot;

/** The benchmark's table (Markdown) and, per model, a chart of online seconds per network stacked by op kind. */
public final class BenchReport {
    /** Op kinds drawn on their own in a chart; the rest are summed as "other". */
    private static final int KINDS_SHOWN = 7;
    private static final Color[] COLOURS = {new Color(31, 119, 180), new Color(255, 127, 14),
        new Color(44, 160, 44), new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75),
        new Color(227, 119, 194), Color.GRAY};

    private BenchReport() {
    }

    public static String table(List<BenchRow> rows) {
        StringBuilder t = new StringBuilder("| model | network | online s (median) | runs (fastest-slowest s) "
            + "| predicted s | predicted vs measured | rounds | MB per party | offline MB | max error | accuracy |\n"
            + "|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (BenchRow r : rows) {
            RunFigures m = r.median();
            t.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %d (%.3f-%.3f) | %.3f | %+.0f %% | %d | %.2f "
                + "| %.1f | %s | %s |%n", r.model(), r.network().name(), m.onlineSeconds(), r.runCount(), r.fastest(),
                r.slowest(), r.predictedSeconds(), 100 * (r.predictedSeconds() / m.onlineSeconds() - 1), m.rounds(),
                m.bytesPerParty() / 1e6, m.offlineBytes() / 1e6, orDash(r.maxError(), "%.2e"),
                orDash(r.accuracy(), "%.4f")));
        }
        return t.toString();
    }

    private static String orDash(double v, String format) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, format, v);
    }

    /** Writes {@code bench.md} and {@code online-MODEL.png} per model into {@code dir}; returns the files. */
    public static List<Path> write(List<BenchRow> rows, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        Path md = dir.resolve("bench.md");
        Files.writeString(md, table(rows));
        written.add(md);
        Map<String, List<BenchRow>> byModel = new LinkedHashMap<>();
        rows.forEach(r -> byModel.computeIfAbsent(r.model(), k -> new ArrayList<>()).add(r));
        for (Map.Entry<String, List<BenchRow>> e : byModel.entrySet()) {
            Path png = dir.resolve("online-" + e.getKey().replaceAll("[^A-Za-z0-9._-]+", "_") + ".png");
            chart(e.getKey(), e.getValue(), png);
            written.add(png);
        }
        return written;
    }

    private static void chart(String model, List<BenchRow> rows, Path file) throws IOException {
        List<String> kinds = kinds(rows);
        // the ops' seconds are each the slower party's, so their sum can exceed the run's online time a little
        double max = rows.stream().mapToDouble(r -> r.secondsByOp().values().stream().mapToDouble(d -> d).sum())
            .max().orElse(1);
        Plot p = Plot.bars(model + ": online seconds by op kind (median run)", "seconds",
            rows.stream().map(r -> r.network().name()).toList(), max);
        for (int i = 0; i < rows.size(); i++) {
            double bottom = 0;
            for (Map.Entry<String, Double> op : rows.get(i).secondsByOp().entrySet()) {
                int k = kinds.indexOf(op.getKey());
                Color c = COLOURS[k >= 0 ? k : KINDS_SHOWN];
                int top = p.y(bottom + op.getValue());
                p.graphics().setColor(c);
                p.graphics().fillRect(p.x(i + 0.2), top, p.x(i + 0.8) - p.x(i + 0.2), p.y(bottom) - top);
                bottom += op.getValue();
            }
        }
        for (int k = 0; k < kinds.size(); k++) {
            p.legend(k, COLOURS[k], kinds.get(k));
        }
        p.legend(kinds.size(), COLOURS[KINDS_SHOWN], "other");
        p.write(file);
    }

    /** The op kinds with the most seconds over all networks, at most {@link #KINDS_SHOWN}. */
    private static List<String> kinds(List<BenchRow> rows) {
        Map<String, Double> total = new LinkedHashMap<>();
        rows.forEach(r -> r.secondsByOp().forEach((k, v) -> total.merge(k, v, Double::sum)));
        return total.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
            .limit(KINDS_SHOWN).map(Map.Entry::getKey).toList();
    }
}
