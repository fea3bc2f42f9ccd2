package org.cryptorch.compile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.cryptorch.approx.KnobValues;

/**
 * The human-readable JSON form of a {@link Plan}:
 * <pre>
 * {"sites": [{"site": "Gelu_3", "op": "Gelu", "approximation": "gelu.erf", "knobs": {"erf": "erf.poly"},
 *             "predicted": {"rounds": 4, "bytes_per_party": 8192, "offline_bytes": 4096},
 *             "measured_error": 0.001}],
 *  "comparison_widths": {"Gelu_3#Ltz_0": 24},
 *  "calibrated_inputs": {"input_ids": 1.0},
 *  "totals": {...}}
 * </pre>
 * {@code comparison_widths} (bits per comparison node, fixed from calibration data by the tuner) is optional and
 * compiled when present; {@code calibrated_inputs} (the largest input magnitude among those calibration samples) is
 * optional and checked against the inputs of a run ({@link RangeCheck#checkCalibratedInputs}). {@code predicted}, {@code measured_error} and any other top-level field (such as the
 * tuner's {@code totals}) are optional annotations the compiler ignores. Knob values are strings or numbers.
 */
public final class PlanJson {
    private static final String WIDTHS = "comparison_widths";
    private static final String CALIBRATED = "calibrated_inputs";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlanJson() {
    }

    public static String toJson(Plan plan) {
        return toJson(plan, null);
    }

    /** With {@code extra} (may be null) as further top-level fields, e.g. the tuner's totals. */
    public static String toJson(Plan plan, Map<String, ?> extra) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode sites = root.putArray("sites");
        for (Plan.Site s : plan.sites()) {
            ObjectNode o = sites.addObject();
            o.put("site", s.name());
            o.put("op", s.op());
            o.put("approximation", s.approximation());
            ObjectNode knobs = o.putObject("knobs");
            s.knobs().asMap().forEach(knobs::put);
            if (s.predicted() != null) {
                ObjectNode p = o.putObject("predicted");
                p.put("rounds", s.predicted().rounds());
                p.put("bytes_per_party", s.predicted().bytesPerParty());
                p.put("offline_bytes", s.predicted().offlineBytes());
            }
            if (s.measuredError() != null) {
                o.put("measured_error", s.measuredError());
            }
        }
        if (!plan.comparisonWidths().isEmpty()) {
            ObjectNode widths = root.putObject(WIDTHS);
            plan.comparisonWidths().forEach(widths::put);
        }
        if (!plan.calibratedInputs().isEmpty()) {
            ObjectNode bounds = root.putObject(CALIBRATED);
            plan.calibratedInputs().forEach(bounds::put);
        }
        if (extra != null) {
            extra.forEach((k, v) -> root.set(k, MAPPER.valueToTree(v)));
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise plan: " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException naming the site (by position and name) and field that is wrong */
    public static Plan fromJson(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("plan is not valid JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode sites = root == null ? null : root.get("sites");
        if (sites == null || !sites.isArray()) {
            throw new IllegalArgumentException("plan JSON needs a top-level \"sites\" array");
        }
        List<Plan.Site> out = new ArrayList<>();
        for (int i = 0; i < sites.size(); i++) {
            out.add(site(sites.get(i), i));
        }
        return Plan.of(out).withComparisonWidths(widths(root.get(WIDTHS)))
            .withCalibratedInputs(calibratedInputs(root.get(CALIBRATED)));
    }

    private static Map<String, Double> calibratedInputs(JsonNode o) {
        return numbers(o, CALIBRATED, "input name to magnitude", JsonNode::isNumber, "a number", JsonNode::doubleValue);
    }

    private static Map<String, Integer> widths(JsonNode o) {
        return numbers(o, WIDTHS, "node name to bits", v -> v.canConvertToInt() && v.isIntegralNumber(),
            "an integer number of bits", JsonNode::intValue);
    }

    /** The object {@code o} (field {@code field}; null: empty) of names to numbers, each {@code valid}. */
    private static <T> Map<String, T> numbers(JsonNode o, String field, String what, Predicate<JsonNode> valid,
                                              String expected, Function<JsonNode, T> value) {
        Map<String, T> out = new LinkedHashMap<>();
        if (o == null) {
            return out;
        }
        if (!o.isObject()) {
            throw new IllegalArgumentException("\"" + field + "\" must be an object of " + what);
        }
        o.fields().forEachRemaining(e -> {
            if (!valid.test(e.getValue())) {
                throw new IllegalArgumentException(field + "." + e.getKey() + ": expected " + expected + ", got "
                    + e.getValue());
            }
            out.put(e.getKey(), value.apply(e.getValue()));
        });
        return out;
    }

    public static void write(Plan plan, Path file) {
        try {
            Files.writeString(file, toJson(plan));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plan " + file + ": " + e.getMessage(), e);
        }
    }

    public static Plan read(Path file) {
        try {
            return fromJson(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read plan " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static Plan.Site site(JsonNode o, int index) {
        String where = "sites[" + index + "]";
        String name = text(o, "site", where);
        where += " (site '" + name + "')";
        Map<String, String> knobs = new LinkedHashMap<>();
        JsonNode k = o.get("knobs");
        if (k != null && !k.isNull()) {
            if (!k.isObject()) {
                throw new IllegalArgumentException(where + ": \"knobs\" must be an object of knob name to value");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = k.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isValueNode()) {
                    throw new IllegalArgumentException(where + ": knob '" + e.getKey() + "' must be a string or number");
                }
                knobs.put(e.getKey(), e.getValue().asText());
            }
        }
        Plan.SiteCost predicted = null;
        JsonNode p = o.get("predicted");
        if (p != null && p.isObject()) {
            predicted = new Plan.SiteCost(p.path("rounds").asLong(), p.path("bytes_per_party").asLong(),
                p.path("offline_bytes").asLong());
        }
        JsonNode err = o.get("measured_error");
        Double measured = err != null && err.isNumber() ? err.asDouble() : null;
        return new Plan.Site(name, text(o, "op", where), text(o, "approximation", where), KnobValues.of(knobs),
            predicted, measured);
    }

    private static String text(JsonNode o, String field, String where) {
        JsonNode v = o == null ? null : o.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new IllegalArgumentException(where + ": missing or non-text \"" + field + "\"");
        }
        return v.asText();
    }
}
