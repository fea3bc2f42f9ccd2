package org.cryptorch.tune;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cryptorch.approx.KnobValues;
import org.cryptorch.compile.Plan;
import org.cryptorch.compile.PlanJson;

/**
 * The tuned plan as the compiler's {@link Plan} (so {@code run --plan} reads it back), annotated per site with
 * predicted cost and measured error (the metric's loss against the reference when this site alone takes its
 * choice), and written by {@link PlanJson} with the tuner's summary as extra top-level fields: {@code tuning}
 * (strategy, metric, budget, seed, network) and {@code totals} (the sites' rounds and bytes, predicted latency and
 * speedup over the reference, metric, evaluations).
 */
public final class PlanFile {
    private PlanFile() {
    }

    public static Plan plan(TuneReport r) {
        List<Plan.Site> sites = r.plan().stream().map(s -> new Plan.Site(s.site(), s.op(), s.approximation(),
            KnobValues.of(s.knobs()), new Plan.SiteCost(s.rounds(), s.bytesPerParty(), s.offlineBytes()),
            s.measuredLoss())).toList();
        return Plan.of(sites).withComparisonWidths(r.comparisonWidths()).withCalibratedInputs(r.calibratedInputs());
    }

    public static String json(TuneReport r) {
        Map<String, Object> tuning = new LinkedHashMap<>();
        tuning.put("strategy", r.strategy());
        tuning.put("metric", r.metric().cliName());
        tuning.put("budget", r.options().budget().toString());
        tuning.put("seed", r.options().seed());
        tuning.put("network", r.network().name());
        tuning.put("rtt_ms", r.network().rttSeconds() * 1e3);
        tuning.put("mbit_per_s", r.network().bytesPerSecond() * 8 / 1e6);
        Map<String, Object> totals = new LinkedHashMap<>();
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
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("tuning", tuning);
        extra.put("totals", totals);
        return PlanJson.toJson(plan(r), extra);
    }

    public static void write(TuneReport r, Path file) throws IOException {
        Files.writeString(file, json(r));
    }
}
