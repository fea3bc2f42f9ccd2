package org.cryptorch.api;

import java.io.PrintStream;

/** Progress of a run: work done out of the total (online rounds of a private run, batches of a simulation). */
public interface Progress {
    Progress NONE = (done, total) -> {
    };

    void update(long done, long total);

    /**
     * A one-line bar on {@code err} that appears only once the run has taken {@code delayMillis} and is redrawn at
     * most ten times a second; the last update ends the line.
     */
    static Progress bar(PrintStream err, String what, long delayMillis) {
        return new ProgressBar(err, what, delayMillis);
    }

    /** Ends a bar's unfinished line, so that a message printed next (an error) starts on a line of its own. */
    static void endBarLine() {
        ProgressBar.endOpenLine();
    }
}
