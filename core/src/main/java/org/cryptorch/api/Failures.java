package org.cryptorch.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shortens a process group's failure report (the reason, then each process's standard error) to one line: the
 * reason and the first line the failing process wrote, which says why it failed (a child prints its role and the
 * reason first).
 */
final class Failures {
    private static final Pattern SECTION = Pattern.compile("--- standard error of (\\S+) ---\\n(.*?)(?=\\n--- |\\z)",
        Pattern.DOTALL);
    private static final Pattern FAILED = Pattern.compile("^(dealer|party0|party1) (died|failed)");
    /** How a process reports that its peer went away: the peer's own line then says why. */
    private static final Pattern LOST_PEER = Pattern.compile("connection to (dealer|party0|party1) closed");

    private Failures() {
    }

    /** The first line of {@code e}'s message (its class when it has none), for one-line logs. */
    static String firstLine(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(e.toString());
    }

    static String oneLine(String report) {
        String reason = report.lines().findFirst().orElse(report);
        Matcher who = FAILED.matcher(reason);
        if (System.getenv("CRYPTORCH_DEBUG") != null) {
            return report;
        }
        String culprit = who.find() ? who.group(1) : null;
        Map<String, String> firstLines = new LinkedHashMap<>();
        Matcher m = SECTION.matcher(report);
        while (m.find()) {
            firstLines.put(m.group(1), firstLine(m.group(2)));
        }
        if (culprit != null && firstLines.containsKey(culprit)) {
            String first = firstLines.get(culprit);
            return reason + ": " + first + rootCause(first, firstLines);
        }
        return firstLines.values().stream().filter(l -> !l.isEmpty() && !l.contains("parent process is gone"))
            .findFirst().map(l -> reason + " (" + l + ")").orElse(reason);
    }

    /**
     * When the failing process only lost its peer, the peer's own first line (e.g. an out-of-memory error) in
     * parentheses; otherwise empty.
     */
    private static String rootCause(String first, Map<String, String> firstLines) {
        Matcher lost = LOST_PEER.matcher(first);
        if (!lost.find()) {
            return "";
        }
        String peerLine = firstLines.getOrDefault(lost.group(1), "");
        return peerLine.isEmpty() || LOST_PEER.matcher(peerLine).find() ? "" : " (" + peerLine + ")";
    }

    private static String firstLine(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("WARNING:")).findFirst()
            .orElse("");
    }
}
