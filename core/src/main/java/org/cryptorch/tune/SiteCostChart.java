package org.cryptorch.tune;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Predicted seconds per site: the reference candidate's bar beside the chosen one's. */
final class SiteCostChart {
    private SiteCostChart() {
    }

    static void write(TuneReport report, Path file) throws IOException {
        List<SitePlan> plan = report.plan();
        double max = 0;
        for (int i = 0; i < plan.size(); i++) {
            max = Math.max(max, Math.max(plan.get(i).referenceSeconds(), plan.get(i).predictedSeconds()));
        }
        Plot p = new Plot("predicted seconds per site (" + report.network().name() + ")", "site (graph order)",
            "seconds", 0, plan.size(), 0, max);
        for (int i = 0; i < plan.size(); i++) {
            bar(p, i, 0.1, plan.get(i).referenceSeconds(), Color.BLUE);
            bar(p, i, 0.5, plan.get(i).predictedSeconds(), new Color(0, 150, 0));
        }
        p.legend(0, Color.BLUE, "reference");
        p.legend(1, new Color(0, 150, 0), "chosen");
        p.write(file);
    }

    private static void bar(Plot p, int site, double offset, double seconds, Color color) {
        int left = p.x(site + offset);
        int width = Math.max(1, p.x(site + offset + 0.4) - left);
        int top = p.y(seconds);
        p.graphics().setColor(color);
        p.graphics().fillRect(left, top, width, Math.max(0, p.y(0) - top));
    }
}
