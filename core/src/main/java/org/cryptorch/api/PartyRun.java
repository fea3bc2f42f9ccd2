package org.cryptorch.api;

import java.io.IOException;
import java.util.HashMap;
import org.cryptorch.onnx.TensorFiles;

/**
 * One party's side of a one-shot private run: a {@link PartySession} of one query on the input file. The output
 * owner writes the outputs in one atomic step (a failed run leaves no output file), party 0 the statistics.
 */
final class PartyRun {
    private PartyRun() {
    }

    /** Runs party {@code id}'s side over {@code links}; returns the statistics at party 0, null at party 1. */
    static RunStats run(int id, Model model, RunOptions options, Links links, Progress progress) throws IOException {
        try (PartySession session = new PartySession(id, model, options, links, new HashMap<>(), false, progress)) {
            PartySession.Query q;
            if (session.ownsInput()) {
                q = session.run(CrypTorch.readSamples(options.inputs()));
                session.end();
            } else {
                q = session.next();
                if (q == null) {
                    throw new IllegalStateException("party" + (1 - id) + " ended the run before its query");
                }
                if (session.next() != null) {
                    throw new IllegalStateException("party" + (1 - id) + " sent a second query in a one-shot run");
                }
            }
            if (id == options.owners().defaultOutputReceiver()) {
                TensorFiles.write(options.output(), q.output());
            }
            if (q.stats() != null && options.stats() != null) {
                q.stats().write(options.stats());
            }
            return q.stats();
        }
    }
}
