package org.cryptorch.api;

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

    private Failures() {
    }

    static String oneLine(String report) {
        String reason = report.lines().findFirst().orElse(report);
        Matcher who = FAILED.matcher(reason);
        if (System.getenv("CRYPTORCH_DEBUG") != null) {
            return report;
        }
        String culprit = who.find() ? who.group(1) : null;
        Matcher m = SECTION.matcher(report);
        String fallback = null;
        while (m.find()) {
            String first = firstLine(m.group(2));
            if (m.group(1).equals(culprit)) {
                return reason + ": " + first;
            }
            if (fallback == null && !first.isEmpty() && !first.contains("parent process is gone")) {
                fallback = first;
            }
        }
        return fallback == null ? reason : reason + " (" + fallback + ")";
    }

    private static String firstLine(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("WARNING:")).findFirst()
            .orElse("");
    }
}
