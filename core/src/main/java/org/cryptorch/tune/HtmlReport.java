package org.cryptorch.tune;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a report directory: the trade-off chart ({@value #TRADEOFF_PNG}), the per-site cost chart
 * ({@value #SITES_PNG}), the plan ({@value #PLAN_JSON}) and {@value #HTML} tying them together with the chosen plan
 * as a table.
 */
public final class HtmlReport {
    public static final String TRADEOFF_PNG = "tradeoff.png";
    public static final String SITES_PNG = "site-costs.png";
    public static final String PLAN_JSON = "plan.json";
    public static final String HTML = "report.html";

    private HtmlReport() {
    }

    public static void write(TuneReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        TradeoffChart.write(report, dir.resolve(TRADEOFF_PNG));
        SiteCostChart.write(report, dir.resolve(SITES_PNG));
        PlanFile.write(report, dir.resolve(PLAN_JSON));
        Files.writeString(dir.resolve(HTML), html(report));
    }

    static String html(TuneReport r) {
        String metric = r.metric().cliName();
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>CrypTorch tuning report</title>\n")
            .append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}")
            .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}</style></head><body>\n")
            .append("<h1>Tuning report</h1>\n<p>Strategy <b>").append(esc(r.strategy())).append("</b>, network <b>")
            .append(esc(r.network().name())).append("</b> (RTT ").append(fmt(r.network().rttSeconds() * 1e3))
            .append(" ms, ").append(fmt(r.network().bytesPerSecond() * 8 / 1e6)).append(" Mbit/s), metric <b>")
            .append(metric).append("</b>, budget <b>").append(esc(r.options().budget().toString()))
            .append("</b>, seed ").append(r.options().seed()).append(".</p>\n<ul>\n")
            .append("<li>reference (most accurate everywhere): ").append(metric).append(' ')
            .append(fmt(r.reference().metric())).append(", predicted ").append(fmt(r.reference().seconds()))
            .append(" s</li>\n<li>chosen: ").append(metric).append(' ').append(fmt(r.chosen().metric()))
            .append(", predicted ").append(fmt(r.chosen().seconds())).append(" s, speedup ")
            .append(fmt(r.predictedSpeedup())).append("x</li>\n<li>").append(r.searchEvaluations())
            .append(" configurations evaluated, ").append(r.cacheHits()).append(" cache hits, ")
            .append(fmt(r.searchSeconds())).append(" s of search</li>\n</ul>\n")
            .append("<h2>").append(metric).append(" vs predicted latency</h2>\n<img src=\"").append(TRADEOFF_PNG)
            .append("\" alt=\"trade-off chart\">\n<h2>Predicted cost per site</h2>\n<img src=\"").append(SITES_PNG)
            .append("\" alt=\"per-site cost chart\">\n<h2>Chosen plan</h2>\n<p><a href=\"").append(PLAN_JSON)
            .append("\">").append(PLAN_JSON).append("</a></p>\n<table>\n<tr><th>site</th><th>op</th>")
            .append("<th>approximation</th><th>knobs</th><th>rounds</th><th>bytes/party</th><th>predicted s</th>")
            .append("<th>reference s</th><th>measured ").append(metric).append(" loss</th></tr>\n");
        for (SitePlan s : r.plan()) {
            b.append("<tr><td>").append(esc(s.site())).append("</td><td>").append(esc(s.op())).append("</td><td>")
                .append(esc(s.approximation())).append("</td><td>").append(esc(knobs(s.knobs())))
                .append("</td><td>").append(s.rounds()).append("</td><td>").append(s.bytesPerParty())
                .append("</td><td>").append(fmt(s.predictedSeconds())).append("</td><td>")
                .append(fmt(s.referenceSeconds())).append("</td><td>")
                .append(s.measuredLoss() == null ? "(reference)" : fmt(s.measuredLoss())).append("</td></tr>\n");
        }
        return b.append("</table>\n</body></html>\n").toString();
    }

    private static String knobs(Map<String, String> knobs) {
        return new TreeMap<>(knobs).toString();
    }

    private static String fmt(double v) {
        return Plot.number(v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
