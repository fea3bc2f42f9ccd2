package org.cryptorch.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cryptorch.api.PlanChoice;
import org.cryptorch.api.RunStats;

/**
 * The measured runs of a benchmark as a file ({@code DIR/runs.json}): every configuration's model, plan and network
 * with each run's figures and per-step times, so that a changed cost model or a new calibration can be checked
 * against the same measurements ({@code bench --replay}) instead of measuring again.
 */
public final class RunsFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunsFile() {
    }

    public static void write(Benchmark.Runs runs, Path file) throws IOException {
        List<Map<String, Object>> configurations = new ArrayList<>();
        runs.byConfiguration().forEach((m, perNetwork) -> perNetwork.forEach((n, list) -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", m.name());
            c.put("model", m.onnx().toAbsolutePath().toString());
            c.put(m.plan().planFile() != null ? "plan" : "profile", m.plan().planFile() != null
                ? m.plan().planFile().toAbsolutePath().toString() : m.plan().profile());
            c.put("network", n.name());
            List<Map<String, Object>> rs = new ArrayList<>();
            for (RunFigures f : list) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("online_seconds", f.onlineSeconds());
                r.put("rounds", f.rounds());
                r.put("bytes_per_party", f.bytesPerParty());
                r.put("offline_bytes", f.offlineBytes());
                r.put("max_error", Double.isNaN(f.maxError()) ? null : f.maxError());
                r.put("accuracy", Double.isNaN(f.accuracy()) ? null : f.accuracy());
                r.put("per_op", f.perOp().stream().map(o -> List.of(o.op(), o.site(), o.rounds(), o.bytes(),
                    o.seconds())).toList());
                rs.add(r);
            }
            c.put("runs", rs);
            configurations.add(c);
        }));
        JSON.writeValue(file.toFile(), Map.of("configurations", configurations));
    }

    /** The runs {@link #write} wrote, with each model compiled again (its program is what the cost model prices). */
    public static Benchmark.Runs read(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        Map<String, BenchModel> models = new LinkedHashMap<>();
        Map<BenchModel, Map<BenchNetwork, List<RunFigures>>> runs = new LinkedHashMap<>();
        for (JsonNode c : root.path("configurations")) {
            String name = c.path("name").asText();
            BenchModel m = models.computeIfAbsent(name, k -> {
                PlanChoice plan = c.has("plan") ? PlanChoice.plan(Path.of(c.path("plan").asText()))
                    : PlanChoice.profile(c.path("profile").asText());
                return BenchModel.load(Path.of(c.path("model").asText()), plan, name.endsWith("]"));
            });
            List<RunFigures> list = new ArrayList<>();
            for (JsonNode r : c.path("runs")) {
                List<RunStats.Op> ops = new ArrayList<>();
                for (JsonNode o : r.path("per_op")) {
                    ops.add(new RunStats.Op(o.get(0).asText(), o.get(1).asText(), o.get(2).asLong(), o.get(3).asLong(),
                        o.get(4).asDouble()));
                }
                list.add(new RunFigures(r.path("online_seconds").asDouble(), r.path("rounds").asLong(),
                    r.path("bytes_per_party").asLong(), r.path("offline_bytes").asLong(), orNaN(r.path("max_error")),
                    orNaN(r.path("accuracy")), ops));
            }
            runs.computeIfAbsent(m, k -> new LinkedHashMap<>()).put(BenchNetwork.parse(c.path("network").asText()),
                list);
        }
        return new Benchmark.Runs(runs);
    }

    private static double orNaN(JsonNode v) {
        return v.isNumber() ? v.asDouble() : Double.NaN;
    }
}
