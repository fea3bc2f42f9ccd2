package org.cryptorch.tune;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.TreeMap;

/**
 * Writes the chosen plan as PLAN.json: per site the op, approximation, knob values, predicted cost and measured
 * error (the metric's loss against the reference when this site alone takes its choice), and totals: the sites'
 * rounds and bytes (ops outside sites are in the predicted seconds only), predicted latency and speedup, the
 * metric. Keys are snake_case like the CLI's stats file. The compiler's Plan reader (branch lower) is not
 * merged yet; its per-site fields {@code site}, {@code approximation}, {@code knobs} are the ones it will need.
 */
public final class PlanJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlanJson() {
    }

    public static void write(TuneReport report, Path file) throws IOException {
        JSON.writeValue(file.toFile(), tree(report));
    }

    static ObjectNode tree(TuneReport r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("strategy", r.strategy());
        root.put("metric", r.metric().cliName());
        root.put("budget", r.options().budget().toString());
        root.put("seed", r.options().seed());
        ObjectNode net = root.putObject("network");
        net.put("name", r.network().name());
        net.put("rtt_ms", r.network().rttSeconds() * 1e3);
        net.put("mbit_per_s", r.network().bytesPerSecond() * 8 / 1e6);
        ArrayNode sites = root.putArray("sites");
        for (SitePlan s : r.plan()) {
            ObjectNode n = sites.addObject();
            n.put("site", s.site());
            n.put("op", s.op());
            n.put("approximation", s.approximation());
            ObjectNode knobs = n.putObject("knobs");
            new TreeMap<>(s.knobs()).forEach(knobs::put);
            ObjectNode cost = n.putObject("predicted");
            cost.put("rounds", s.rounds());
            cost.put("bytes_per_party", s.bytesPerParty());
            cost.put("offline_bytes", s.offlineBytes());
            cost.put("seconds", s.predictedSeconds());
            if (s.measuredLoss() == null) {
                n.putNull("measured_error");
            } else {
                n.put("measured_error", s.measuredLoss());
            }
        }
        ObjectNode totals = root.putObject("totals");
        totals.put("site_rounds", r.plan().stream().mapToLong(SitePlan::rounds).sum());
        totals.put("site_bytes_per_party", r.plan().stream().mapToLong(SitePlan::bytesPerParty).sum());
        totals.put("site_offline_bytes", r.plan().stream().mapToLong(SitePlan::offlineBytes).sum());
        totals.put("predicted_seconds", r.chosen().seconds());
        totals.put("reference_predicted_seconds", r.reference().seconds());
        totals.put("predicted_speedup", r.predictedSpeedup());
        totals.put(r.metric().cliName(), r.chosen().metric());
        totals.put("reference_" + r.metric().cliName(), r.reference().metric());
        totals.put("evaluations", r.searchEvaluations());
        totals.put("cache_hits", r.cacheHits());
        return root;
    }
}
