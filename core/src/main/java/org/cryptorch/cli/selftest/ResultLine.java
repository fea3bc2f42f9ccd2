package org.cryptorch.cli.selftest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cryptorch.cli.selftest.PartySession.Measurement;
import org.cryptorch.mpc.Cost;

/**
 * One JSON line of the selftest output. A line is {@code ok} when the error is within its bound and the measured
 * rounds, bytes sent by each party and dealer bytes all equal the cost function's prediction; otherwise
 * {@code problems} says what differed.
 */
final class ResultLine {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultLine() {
    }

    /** One measured pass of a check: party 0's conclusion and both parties' measurements. */
    record Run(CheckOutcome outcome, Measurement m0, Measurement m1) {
        double seconds() {
            return Math.max(m0.nanos(), m1.nanos()) / 1e9;
        }
    }

    static String format(String name, CheckOutcome o, Measurement m0, Measurement m1) {
        return format(name, List.of(new Run(o, m0, m1)));
    }

    /**
     * The line of a check measured {@code runs.size()} times: every run must be ok; the error is the worst of all
     * runs and {@code online_seconds} their median (each run's time is listed when there are several).
     */
    static String format(String name, List<Run> runs) {
        List<String> problems = new ArrayList<>();
        for (Run r : runs) {
            for (String problem : problems(r)) {
                if (!problems.contains(problem)) {
                    problems.add(problem);
                }
            }
        }
        Run first = runs.get(0);
        CheckOutcome o = first.outcome();
        Measurement m0 = first.m0();
        Measurement m1 = first.m1();
        Cost p = o.predicted();
        long rounds = Math.max(m0.rounds(), m1.rounds());
        long offline = m0.offlineBytes() + m1.offlineBytes();
        double worstError = runs.stream().mapToDouble(r -> r.outcome().maxAbsError()).max().orElseThrow();
        long worstLarge = runs.stream().mapToLong(r -> r.outcome().largeErrors()).max().orElseThrow();
        double[] seconds = runs.stream().mapToDouble(Run::seconds).sorted().toArray();
        double median = seconds.length % 2 == 1 ? seconds[seconds.length / 2]
            : (seconds[seconds.length / 2 - 1] + seconds[seconds.length / 2]) / 2;

        Map<String, Object> line = new LinkedHashMap<>();
        line.put("name", name);
        line.put("elements", o.elements());
        if (o.bits() > 0) {
            line.put("bits", o.bits());
        }
        line.put("max_abs_error", worstError);
        line.put("error_bound", o.errorBound());
        if (o.largeErrorsAllowed() > 0) {
            line.put("large_errors", worstLarge);
            line.put("large_errors_allowed", o.largeErrorsAllowed());
        }
        line.put("rounds", rounds);
        line.put("bytes_per_party", Math.max(m0.bytesSent(), m1.bytesSent()));
        line.put("bytes_sent", List.of(m0.bytesSent(), m1.bytesSent()));
        line.put("online_seconds", median);
        if (runs.size() > 1) {
            line.put("online_seconds_runs", runs.stream().map(Run::seconds).toList());
        }
        line.put("offline_bytes", offline);
        line.put("predicted_rounds", p.rounds());
        line.put("predicted_bytes_per_party", Math.max(p.bytesSentByParty0(), p.bytesSentByParty1()));
        line.put("predicted_offline_bytes", p.offlineBytes());
        line.put("ok", problems.isEmpty());
        if (!problems.isEmpty()) {
            line.put("problems", problems);
        }
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot format the result of " + name, e);
        }
    }

    private static List<String> problems(Run r) {
        CheckOutcome o = r.outcome();
        Cost p = o.predicted();
        List<String> problems = new ArrayList<>();
        if (!(o.maxAbsError() <= o.errorBound())) {
            problems.add("error " + o.maxAbsError() + " above bound " + o.errorBound());
        }
        if (o.largeErrors() > o.largeErrorsAllowed()) {
            problems.add(o.largeErrors() + " large errors, more than the " + o.largeErrorsAllowed()
                + " the documented probability allows");
        }
        expectEqual(problems, "rounds of party 0", r.m0().rounds(), p.rounds());
        expectEqual(problems, "rounds of party 1", r.m1().rounds(), p.rounds());
        expectEqual(problems, "bytes sent by party 0", r.m0().bytesSent(), p.bytesSentByParty0());
        expectEqual(problems, "bytes sent by party 1", r.m1().bytesSent(), p.bytesSentByParty1());
        expectEqual(problems, "offline bytes", r.m0().offlineBytes() + r.m1().offlineBytes(), p.offlineBytes());
        return problems;
    }

    private static void expectEqual(List<String> problems, String what, long measured, long predicted) {
        if (measured != predicted) {
            problems.add(what + ": measured " + measured + ", predicted " + predicted);
        }
    }

    /** Whether a printed line says ok. */
    static boolean isOk(String line) {
        try {
            return JSON.readTree(line).path("ok").asBoolean(false);
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
