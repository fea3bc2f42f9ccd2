package org.cryptorch.net;

import java.time.Duration;

/** Formats timeouts for error messages: "60 s", "1.5 s", "250 ms". */
final class Durations {
    private Durations() {
    }

    static String format(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return String.format("%.1f s", millis / 1000.0);
    }
}
