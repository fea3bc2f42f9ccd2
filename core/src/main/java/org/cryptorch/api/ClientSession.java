package org.cryptorch.api;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.cryptorch.compile.Ownership;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Tensor;

/**
 * A client's open session with a model server ({@link ModelServer}): connected once (TLS handshakes, the program
 * compiled from the server's plan, the weights shared, the links warmed up with the first query of each shape),
 * then {@link #infer} as often as needed. The client holds the public model only: no weight value.
 */
public final class ClientSession implements AutoCloseable {
    private final Model model;
    private final Links links;
    private final PartySession session;
    private RunStats lastStats;

    private ClientSession(Model model, Links links, PartySession session) {
        this.model = model;
        this.links = links;
        this.session = session;
    }

    /**
     * Connects to the server and dealer of {@code cluster} as party 0 with {@code options} (its model may be a
     * public export; plan and calibration come from the server); {@code notices} hears of its place in the
     * server's queue while it waits to be admitted.
     */
    public static ClientSession connect(ClusterConfig cluster, RunOptions options, Consumer<String> notices)
        throws IOException {
        Model model = Model.load(options.model());
        if (!clientOwnsAll(options.owners())) {
            throw new IllegalArgumentException("a client supplies the inputs and receives the outputs (party 0)");
        }
        Links links = Links.client(cluster.net(Links.PARTY0), cluster.rendezvous(), notices);
        try {
            return new ClientSession(model, links, new PartySession(0, model, options, links, new HashMap<>(),
                cluster.prefetchWords(), Progress.NONE));
        } catch (RuntimeException e) {
            links.close();
            throw e;
        }
    }

    /**
     * Whether {@code owners} leave the client (party 0) every input and output: a server supplies no input and
     * receives no output.
     */
    static boolean clientOwnsAll(Ownership owners) {
        return owners.defaultInputOwner() == 0 && owners.defaultOutputReceiver() == 0
            && !owners.inputOwners().containsValue(1) && !owners.outputReceivers().containsValue(1);
    }

    /** The model's outputs (by name) for {@code samples} (of every input, by name; first axis), as one query. */
    public Map<String, FloatTensor> infer(Map<String, ? extends Tensor> samples) {
        PartySession.Query q = session.run(samples);
        lastStats = q.stats();
        return q.outputs();
    }

    /** {@link #infer(Map)} for a model with one input and one output. */
    public FloatTensor infer(Tensor samples) {
        return onlyOutput(infer(model.onlyInput(samples)));
    }

    private FloatTensor onlyOutput(Map<String, FloatTensor> outputs) {
        if (outputs.size() != 1) {
            throw new IllegalArgumentException(model.name() + " has " + outputs.size() + " outputs: take them by name");
        }
        return outputs.values().iterator().next();
    }

    /** What a client saw of one query: its number, the seconds from the call to the output, both parties' figures. */
    public record QueryFigures(int query, double latencySeconds, RunStats stats) {
    }

    /**
     * Streams {@code samples} (of every input, by name; first axis) as consecutive queries of {@code perQuery}
     * samples each over this session, starting one at most every {@code interval} (zero: back to back); {@code each}
     * hears of every query as it completes. Returns all outputs in sample order, by name.
     */
    public Map<String, FloatTensor> inferEach(Map<String, ? extends Tensor> samples, int perQuery, Duration interval,
                                              Consumer<QueryFigures> each) {
        if (perQuery <= 0) {
            throw new IllegalArgumentException("samples per query must be positive, got " + perQuery);
        }
        if (interval.isNegative()) {
            throw new IllegalArgumentException("the interval between queries must not be negative, got " + interval);
        }
        model.checkSamples(samples, perQuery);
        int n = Model.sampleCount(Samples.shapes(samples));
        List<Map<String, FloatTensor>> outputs = new ArrayList<>();
        long due = System.nanoTime();
        for (int start = 0, k = 0; start < n; start += perQuery, k++) {
            sleepUntil(due);
            long t = System.nanoTime();
            due = t + interval.toNanos();
            outputs.add(infer(Samples.slice(samples, start, Math.min(n, start + perQuery))));
            each.accept(new QueryFigures(k, (System.nanoTime() - t) / 1e9, lastStats));
        }
        return Samples.concatOutputs(outputs);
    }

    private static void sleepUntil(long nanoTime) {
        long wait = nanoTime - System.nanoTime();
        if (wait <= 0) {
            return;
        }
        try {
            Thread.sleep(Duration.ofNanos(wait));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between queries", e);
        }
    }

    /** Both parties' figures of the last query (online and offline seconds, rounds, bytes; setup when it had one). */
    public RunStats lastStats() {
        return lastStats;
    }

    /** Ends the session: the server takes its next client. */
    @Override
    public void close() {
        try (links; session) {
            session.end();
        }
    }
}
