package org.cryptorch.api;

import java.io.IOException;
import java.util.HashMap;
import org.cryptorch.compile.Ownership;
import org.cryptorch.onnx.TensorFiles;
import org.cryptorch.tensor.Tensor;

/**
 * One party's side of a one-shot private run: a {@link PartySession} of one query on the input file. The output
 * owner writes the outputs in one atomic step (a failed run leaves no output file), party 0 the statistics.
 */
final class PartyRun {
    private PartyRun() {
    }

    /**
     * What party {@code id} checks before it connects: the files it writes ({@link Preflight#files}) and, at the
     * input owner, the input samples, which it returns (null at the other party).
     */
    static Tensor checkBeforeConnecting(int id, Model model, RunOptions options) {
        Ownership owners = options.owners();
        Preflight.files(options, id == owners.defaultOutputReceiver(), id == 0 && options.stats() != null);
        if (id != owners.defaultInputOwner()) {
            return null;
        }
        Tensor x = CrypTorch.readSamples(options.inputs());
        model.checkSamples(x, options.batch());
        return x;
    }

    /**
     * Runs party {@code id}'s side over {@code links} on {@code input} (from {@link #checkBeforeConnecting}); returns
     * the statistics at party 0, null at party 1.
     */
    static RunStats run(int id, Model model, RunOptions options, Tensor input, Links links, Progress progress)
        throws IOException {
        try (PartySession session = new PartySession(id, model, options, links, new HashMap<>(), 0, progress)) {
            PartySession.Query q;
            if (session.ownsInput()) {
                q = session.run(input);
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
