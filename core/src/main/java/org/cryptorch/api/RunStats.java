package org.cryptorch.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of a private run, from both parties' measurements: time is the slower party's (they wait for each
 * other), rounds are counted once, bytes are the larger of the two parties' sends (each party's own sends are kept too:
 * products with a weight make them differ), offline bytes add up.
 */
public record RunStats(double onlineSeconds, double offlineSeconds, long rounds, long bytesPerParty,
                       long bytesSentByParty0, long bytesSentByParty1, long offlineBytes, List<Op> perOp, Setup setup) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** One-line JSON, for passing statistics from a child process to its parent. */
    static final ObjectMapper JSON_LINE = new ObjectMapper();

    /**
     * What happens once per program before the batches, outside both phases above: compiling, and sharing the
     * secret weights (its rounds and bytes per party).
     */
    public record Setup(double compileSeconds, double seconds, long rounds, long bytesPerParty) {
    }

    /** Online figures of one program op, summed over batches. */
    public record Op(String op, String site, long rounds, long bytes, double seconds) {
    }

    static RunStats combine(PartyFigures p0, PartyFigures p1) {
        List<Op> ops = new ArrayList<>();
        for (PartyFigures.OpFigures a : p0.ops()) {
            PartyFigures.OpFigures b = p1.perOp.get(a.op + "@" + a.site);
            long bytes = b == null ? a.bytes : Math.max(a.bytes, b.bytes);
            long nanos = b == null ? a.nanos : Math.max(a.nanos, b.nanos);
            ops.add(new Op(a.op, a.site, a.rounds, bytes, nanos / 1e9));
        }
        Setup setup = new Setup(Math.max(p0.compileNanos, p1.compileNanos) / 1e9,
            Math.max(p0.setupNanos, p1.setupNanos) / 1e9, Math.max(p0.setupRounds, p1.setupRounds),
            Math.max(p0.setupBytesSent, p1.setupBytesSent));
        return new RunStats(Math.max(p0.onlineNanos, p1.onlineNanos) / 1e9,
            Math.max(p0.offlineNanos, p1.offlineNanos) / 1e9, Math.max(p0.rounds, p1.rounds),
            Math.max(p0.bytesSent, p1.bytesSent), p0.bytesSent, p1.bytesSent, p0.offlineBytes + p1.offlineBytes,
            List.copyOf(ops), setup);
    }

    /** The JSON object of {@code --stats}, with snake_case names. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("online_seconds", onlineSeconds);
        m.put("offline_seconds", offlineSeconds);
        m.put("rounds", rounds);
        m.put("bytes_per_party", bytesPerParty);
        m.put("bytes_sent_by_party0", bytesSentByParty0);
        m.put("bytes_sent_by_party1", bytesSentByParty1);
        m.put("offline_bytes", offlineBytes);
        List<Map<String, Object>> ops = new ArrayList<>();
        for (Op o : perOp) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("op", o.op());
            e.put("site", o.site());
            e.put("rounds", o.rounds());
            e.put("bytes", o.bytes());
            e.put("seconds", o.seconds());
            ops.add(e);
        }
        m.put("per_op", ops);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("compile_seconds", setup.compileSeconds());
        s.put("seconds", setup.seconds());
        s.put("rounds", setup.rounds());
        s.put("bytes_per_party", setup.bytesPerParty());
        m.put("setup", s);
        return m;
    }

    /** Writes the JSON to {@code file} atomically: a temporary file beside it, then a move. */
    public void write(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            JSON.writeValue(tmp.toFile(), toJson());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads what {@link #toJson()} wrote. */
    static RunStats fromJson(String json) throws IOException {
        JsonNode m = JSON_LINE.readTree(json);
        List<Op> ops = new ArrayList<>();
        for (JsonNode o : m.path("per_op")) {
            ops.add(new Op(o.path("op").asText(), o.path("site").asText(), o.path("rounds").asLong(),
                o.path("bytes").asLong(), o.path("seconds").asDouble()));
        }
        JsonNode s = m.path("setup");
        return new RunStats(m.path("online_seconds").asDouble(), m.path("offline_seconds").asDouble(),
            m.path("rounds").asLong(), m.path("bytes_per_party").asLong(), m.path("bytes_sent_by_party0").asLong(),
            m.path("bytes_sent_by_party1").asLong(), m.path("offline_bytes").asLong(),
            List.copyOf(ops), new Setup(s.path("compile_seconds").asDouble(), s.path("seconds").asDouble(),
                s.path("rounds").asLong(), s.path("bytes_per_party").asLong()));
    }

    static String toJson(PartyFigures f) throws IOException {
        return JSON.writeValueAsString(f);
    }

    static PartyFigures partyFigures(String json) throws IOException {
        return JSON.readValue(json, PartyFigures.class);
    }
}
