package org.cryptorch.onnx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tally of a conformance run: case counts, per-op counts (a case counts under every op it contains), the failing
 * cases with their largest error or the exception they threw, and how often each unsupported op kept a case out.
 */
public record ConformanceReport(int passed, int failed, int unsupported, Map<String, OpCounts> perOp,
                                List<Failure> failures, Map<String, Integer> unsupportedOps) {
    public record OpCounts(int passed, int failed) {
    }

    /** A failing case: {@code error} is the exception message when it threw (then {@code maxError} is NaN). */
    public record Failure(String caseName, double maxError, String error) {
    }

    /** Fraction of the supported cases that passed (1 when there were none). */
    public double passRate() {
        int run = passed + failed;
        return run == 0 ? 1 : (double) passed / run;
    }

    /** One JSON object: passed, failed, unsupported, per_op, failures, unsupported_ops. */
    public String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("passed", passed);
        json.put("failed", failed);
        json.put("unsupported", unsupported);
        Map<String, Object> ops = new LinkedHashMap<>();
        perOp.forEach((op, c) -> ops.put(op, Map.of("passed", c.passed(), "failed", c.failed())));
        json.put("per_op", ops);
        List<Map<String, Object>> fails = new ArrayList<>();
        for (Failure f : failures) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("case", f.caseName());
            if (f.error() == null) {
                entry.put("max_error", Double.isInfinite(f.maxError()) ? "inf" : f.maxError());
            } else {
                entry.put("error", f.error());
            }
            fails.add(entry);
        }
        json.put("failures", fails);
        json.put("unsupported_ops", unsupportedOps);
        try {
            return new ObjectMapper().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of numbers and strings always serialise", e);
        }
    }

    static final class Builder {
        private int passed;
        private int failed;
        private int unsupported;
        private final Map<String, int[]> perOp = new TreeMap<>();
        private final List<Failure> failures = new ArrayList<>();
        private final Map<String, Integer> unsupportedOps = new TreeMap<>();

        void unsupported(Collection<String> missingOps) {
            unsupported++;
            missingOps.forEach(op -> unsupportedOps.merge(op, 1, Integer::sum));
        }

        void result(String caseName, Collection<String> ops, boolean pass, double maxError, String error) {
            if (pass) {
                passed++;
            } else {
                failed++;
                failures.add(new Failure(caseName, maxError, error));
            }
            ops.forEach(op -> perOp.computeIfAbsent(op, k -> new int[2])[pass ? 0 : 1]++);
        }

        ConformanceReport build() {
            Map<String, OpCounts> ops = new LinkedHashMap<>();
            perOp.forEach((op, c) -> ops.put(op, new OpCounts(c[0], c[1])));
            return new ConformanceReport(passed, failed, unsupported, ops, List.copyOf(failures),
                new LinkedHashMap<>(unsupportedOps));
        }
    }
}
