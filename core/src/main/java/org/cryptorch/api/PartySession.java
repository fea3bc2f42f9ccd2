package org.cryptorch.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.cryptorch.compile.Ownership;
import org.cryptorch.compile.Plan;
import org.cryptorch.compile.PlanJson;
import org.cryptorch.compile.Program;
import org.cryptorch.compile.ProgramFingerprint;
import org.cryptorch.compile.RangeCheck;
import org.cryptorch.exec.Interpreter;
import org.cryptorch.exec.OpStat;
import org.cryptorch.exec.RunResult;
import org.cryptorch.exec.WarmupPrefix;
import org.cryptorch.mpc.Party;
import org.cryptorch.mpc.ProtocolWarmup;
import org.cryptorch.mpc.Recipe;
import org.cryptorch.mpc.RemoteCorrelations;
import org.cryptorch.mpc.Truncation;
import org.cryptorch.net.Channel;
import org.cryptorch.net.TrafficStats;
import org.cryptorch.tensor.FixedPoint;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * One party's side of a session over its {@link Links}: the parties first check that they were started with the
 * same settings, then run queries until the driving party (the default input owner) ends the session. Each query:
 * the driving party announces it with the shapes of its inputs, and the other party answers with the shapes of the
 * inputs it owns, if any (shapes are public, values are not); each batch then has an offline phase (the
 * correlations the batch takes are fetched from the dealer) and an online phase, measured apart; at its end party 1
 * sends its figures to party 0. A program is compiled, its weights shared and the links warmed up once per input
 * shape and session, not per query. A one-shot run ({@link PartyRun}) is a session of one query.
 */
final class PartySession implements AutoCloseable {
    private static final String SETUP = "setup";
    private static final String SYNC = "sync";
    private static final String WARMUP = "warmup";
    /**
     * The warm-up runs its prefix twice (one pass leaves some hot methods short of C2's invocation thresholds), then
     * exchanges at most 256 zero frames of 1 MB (about 16000 TLS records each way), for at most 1 s.
     */
    private static final int WARMUP_PREFIX_RUNS = 2;
    private static final int WARMUP_FRAMES = 256;
    private static final int WARMUP_FRAME_WORDS = 1 << 17;
    private static final long WARMUP_FRAME_MILLIS = 1000;
    private static final ScheduledExecutorService TICKER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "progress");
        t.setDaemon(true);
        return t;
    });

    private final int id;
    private final Model model;
    private final RunOptions options;
    private final Progress progress;
    /**
     * Whether this party holds the model: the weights' owner (party 1 when the weights are public). It compiles
     * with the plan and the calibration, and sends the other party the plan with every comparison width fixed, so
     * the other party compiles the same program from the architecture alone.
     */
    private final boolean holdsModel;
    private final Calibration calibration;
    /**
     * Programs the model's holder compiled, by input shape: kept across the sessions of one server (programs with
     * public inputs are not: each distinct value of those is a program of its own).
     */
    private final Map<Map<String, Shape>, Executable> compiled;
    private final InputAnnouncement announcement;
    private final Links links;
    private final CompletableFuture<Void> protocolWarmup;
    private final RemoteCorrelations dealer;
    private final Party party;
    /** Programs ready to run; of those with public inputs only the last one is kept (it holds weight shares). */
    private final Map<BatchKey, Prepared> prepared = new HashMap<>();
    /** Whether the input owner ended the session (rather than a failure ending it). */
    private boolean ended;
    /** This query's figures (the setup of a new shape counts in the query that needed it). */
    private PartyFigures figures = new PartyFigures();
    /** Predicted online rounds of the current query: progress counts rounds done out of these. */
    private long totalRounds;
    /** Whether this session has run a warm-up prefix over its links (once is enough: the JIT is per process). */
    private boolean warmedUp;
    /** Correlation bytes the warm-up took: setup, so kept out of the offline figure. */
    private long warmupOfflineBytes;
    /** Whether the correlations of a next query are fetched as soon as a query ends (serving sessions). */
    private final boolean runAhead;
    /** The batch whose correlations were fetched ahead for the next query, or null. */
    private BatchKey aheadFor;

    /**
     * A program ready to run batches of one shape: its interpreter (weights shared), its warm-up prefix and the
     * correlations that takes, and the correlations a run takes.
     */
    private record Prepared(Executable program, Interpreter interpreter, int warmupSteps, List<Recipe> warmup,
                            List<Recipe> perRun) {
    }

    /**
     * One query's result: the input shapes (by name), the outputs this party receives (by name; empty if none), the
     * statistics of both parties (at party 0, else null) and this party's own figures.
     */
    record Query(Map<String, Shape> shapes, Map<String, FloatTensor> outputs, RunStats stats, PartyFigures mine) {
        /** The input shapes for a log line: the shape of a model's only input, else {@code name shape} each. */
        String shapesText() {
            return shapes.size() == 1 ? shapes.values().iterator().next().toString() : shapes.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
        }
    }

    /**
     * Opens party {@code id}'s side of a session over {@code links} (which stay owned by the caller): fetches its
     * seed from the dealer and checks the settings with the other party.
     *
     * @param compiled the holder's programs by input shape, shared by the sessions of one process
     * @param runAheadWords 0 for a one-shot run; else a serving session, which fetches the correlations of a next
     *                      query of the same shape in the background as soon as a query ends, so that its offline
     *                      phase is done before it arrives, holding at most this many words of shares ahead (both
     *                      parties must agree to run ahead: they do, as a server and its clients always run ahead
     *                      and a one-shot run never does; their windows may differ)
     */
    PartySession(int id, Model model, RunOptions options, Links links, Map<Map<String, Shape>, Executable> compiled,
                 long runAheadWords, Progress progress) {
        this.id = id;
        this.runAhead = runAheadWords > 0;
        this.model = model;
        this.options = options;
        this.progress = progress;
        this.links = links;
        this.compiled = compiled;
        options.checkPublicInputs(model);
        this.announcement = new InputAnnouncement(model, options);
        Ownership owners = options.owners();
        this.holdsModel = id == (owners.weightsPublic() ? 1 : owners.weightOwner());
        if (holdsModel || owners.weightsPublic()) {
            model.requireWeights("party" + id + (holdsModel ? " (the weights' owner)" : " (public weights)"));
        }
        this.calibration = holdsModel ? Calibration.read(options.calib(), model) : Calibration.NONE;
        this.protocolWarmup = ProtocolWarmup.start();
        this.dealer = runAhead ? RemoteCorrelations.connect(id, links.dealer(), runAheadWords)
            : RemoteCorrelations.connect(id, links.dealer());
        this.party = new Party(id, links.peer(), dealer, FixedPoint.DEFAULT_FRAC_BITS);
        agree(party);
    }

    /**
     * Whether this party announces the queries: the default input owner (a client of a server). The other party
     * follows, supplying the inputs it owns, if any.
     */
    boolean drives() {
        return id == options.owners().defaultInputOwner();
    }

    /**
     * At the party that drives: announces a query on {@code mine}, the samples (first axis) of the inputs it
     * supplies (the secret ones it owns and the public ones), by name, and runs it.
     */
    Query run(Map<String, ? extends Tensor> mine) {
        model.checkTypes(mine);
        model.checkSomeShapes(Samples.shapes(mine), options.batch());
        InputAnnouncement.Inputs inputs = party.labelled(SETUP, () -> {
            InputAnnouncement.Inputs all = new InputAnnouncement.Inputs();
            long[] words = announcement.announce(id, mine, all);
            links.peer().send(new long[] {1, words.length});
            links.peer().send(words);
            if (!announcement.suppliedBy(1 - id).isEmpty()) {
                long[] length = links.peer().receive(1);
                announcement.receive(1 - id, links.peer().receive(Math.toIntExact(length[0])), all);
            }
            return all;
        });
        return query(inputs, announcement.secretOnly(mine));
    }

    /**
     * At the other party: waits for the next query and runs it on {@code mine}, the samples of the inputs this party
     * owns (empty if none); null when the session ended.
     */
    Query next(Map<String, ? extends Tensor> mine) {
        model.checkTypes(mine);
        model.checkSomeShapes(Samples.shapes(mine), options.batch());
        InputAnnouncement.Inputs inputs = party.labelled(SETUP, () -> {
            long[] header = links.peer().receive(2);
            if (header[0] == 0) {
                return null;
            }
            InputAnnouncement.Inputs all = new InputAnnouncement.Inputs();
            announcement.receive(1 - id, links.peer().receive(Math.toIntExact(header[1])), all);
            if (!announcement.suppliedBy(id).isEmpty()) {
                long[] words = announcement.announce(id, mine, all);
                links.peer().send(new long[] {words.length});
                links.peer().send(words);
            }
            return all;
        });
        if (inputs == null) {
            ended = true;
            return null;
        }
        return query(inputs, announcement.secretOnly(mine));
    }

    /** At the driving party: tells the other party that no query follows. */
    void end() {
        party.labelled(SETUP, () -> {
            links.peer().send(new long[] {0, 0});
            return null;
        });
        ended = true;
    }

    /**
     * At the party that is not the input owner, between queries: ends the session as if the input owner had (a
     * server stopping), so the dealer's session ends normally. The input owner sees the connection close.
     */
    void endBetweenQueries() {
        ended = true;
    }

    /**
     * After a session that ended normally party 1 tells the dealer, which then ends its session normally; after an
     * aborted one it says nothing, and the dealer reports the closed connection as a failure (a supervisor sees it
     * in the dealer's exit status).
     */
    @Override
    public void close() {
        if (ended) {
            dealer.finish();
        }
    }

    /**
     * Runs one query on {@code inputs} (the shapes of every input, the values of the public ones) in batches;
     * {@code mine} holds the samples of the secret inputs this party owns.
     */
    private Query query(InputAnnouncement.Inputs inputs, Map<String, Tensor> mine) {
        Map<String, Shape> inputShapes = inputs.shapes();
        model.checkShapes(inputShapes, options.batch());
        List<Map<String, FloatTensor>> outputs = new ArrayList<>();
        // A query that came before the run-ahead finished waits for it (offline time) rather than running its online
        // phase beside the fetching; what the run-ahead fetched came ahead of this query, not in it.
        long t = System.nanoTime();
        dealer.awaitFetcher();
        figures.offlineNanos += System.nanoTime() - t;
        long offlineBytesBefore = dealer.offlineBytesReceived();
        long warmupBytesBefore = warmupOfflineBytes;
        int samples = Model.sampleCount(inputShapes);
        int batch = model.batchSize(options.batch(), samples);
        int batches = (samples + batch - 1) / batch;
        totalRounds = 0;
        BatchKey first = batchKey(inputs, 0, Math.min(samples, batch));
        boolean ready = first.equals(aheadFor);
        if (aheadFor != null && !ready) {
            discardAhead();
        }
        aheadFor = null;
        BatchKey last = null;
        for (int k = 0; k < batches; k++) {
            int start = k * batch;
            int end = Math.min(samples, start + batch);
            last = batchKey(inputs, start, end);
            Prepared p = prepare(last);
            if (totalRounds == 0) {
                totalRounds = p.program().program().cost().rounds() * batches;
            }
            boolean warming = !warmedUp;
            if (warming) {
                ProtocolWarmup.await(protocolWarmup);
                warmUp(p);
            }
            if (k > 0 || !ready) {
                offline(p.perRun());
            }
            Map<String, Tensor> slice = Samples.slice(mine, start, end);
            if (warming) {
                JitQuiescence.await(); // the warm-up queued compilations; later queries find them done
            }
            Map<String, FloatTensor> out = online(p, slice, refusal(p, slice));
            if (dealer.pending() != 0) {
                throw new IllegalStateException("the program took fewer correlations than it announced ("
                    + dealer.pending() + " prefetched left over)");
            }
            if (!out.isEmpty()) {
                outputs.add(out);
            }
            progress.update(Math.min(figures.rounds, totalRounds - 1), totalRounds);
        }
        progress.update(totalRounds, totalRounds);
        figures.offlineBytes = dealer.offlineBytesReceived() - offlineBytesBefore
            - (warmupOfflineBytes - warmupBytesBefore);
        RunStats stats = exchangeFigures();
        PartyFigures ours = figures;
        figures = new PartyFigures();
        if (runAhead) {
            // In the background: the caller has its output now, and the next query finds its correlations ready.
            dealer.prefetchInBackground(prepared.get(last).perRun());
            aheadFor = last;
        }
        return new Query(inputs.shapes(), outputs.isEmpty() ? Map.of() : Samples.concatOutputs(outputs), stats, ours);
    }

    /** The program key of samples {@code start} to {@code end}: its secret inputs' shapes, its public values. */
    private BatchKey batchKey(InputAnnouncement.Inputs inputs, int start, int end) {
        Map<String, Shape> shapes = Model.batchShapes(inputs.shapes(), end - start);
        shapes.keySet().removeAll(options.publicInputs());
        return new BatchKey(shapes, Samples.slice(inputs.publicValues(), start, end));
    }

    /**
     * Drops the correlations fetched ahead for a query of another shape. Both parties know the shape, so both
     * discard; each says how many of the announced recipes it had fetched (their windows may differ), and both drop
     * up to the larger count, so their streams stay in step.
     */
    private void discardAhead() {
        int mine = dealer.fetchedAhead();
        long theirs = party.labelled(SETUP, () -> party.exchange(new long[] {mine}))[0];
        dealer.discardPending(Math.toIntExact(Math.max(mine, theirs)));
    }

    /**
     * Both parties exchange the fingerprints of their settings ({@link ProgramFingerprint}, before anything is
     * compiled); a difference fails both in one line naming the first differing setting.
     */
    private void agree(Party party) {
        ProgramFingerprint mine = ProgramFingerprint.ofSettings(settings());
        mine.requireSame(ProgramFingerprint.decode(exchange(party, mine.encode())), "party" + id, "party" + (1 - id));
    }

    private List<ProgramFingerprint.Setting> settings() {
        return options.settings(model, FixedPoint.DEFAULT_FRAC_BITS);
    }

    /** Sends {@code mine} to the other party and returns what it sent (both send at once). */
    private static String exchange(Party party, String mine) {
        Channel peer = party.peer();
        return party.labelled(SETUP, () -> {
            peer.sendBytes(mine.getBytes(StandardCharsets.UTF_8));
            return new String(peer.receiveBytes(), StandardCharsets.UTF_8);
        });
    }

    /**
     * Compiles the program for {@code shape} (once per shape and session; the holder once per process) and shares
     * the weights (the setup, with its correlations fetched first). What the setup, the warm-up prefix and a run
     * take from the dealer the program states from shapes alone ({@link Program#recipes}): the protocols are
     * data-oblivious, so both parties take exactly these, in this order.
     */
    private Prepared prepare(BatchKey shape) {
        Prepared known = prepared.get(shape);
        if (known != null) {
            return known;
        }
        long t = System.nanoTime();
        Executable program = compile(shape);
        figures.compileNanos += System.nanoTime() - t;
        Program steps = program.program();
        offline(steps.setupRecipes());
        Party p = new Party(id, party.peer(), dealer, program.fractionalBits());
        Interpreter interpreter = program.interpreter(p);
        countedAsSetup(interpreter::setup);
        int warmupSteps = WarmupPrefix.of(steps);
        // The shares are in the interpreter now; this session needs no float weights (the holder's cache keeps them
        // for its next session).
        Prepared ready = new Prepared(program.withoutWeightValues(), interpreter, warmupSteps,
            steps.recipes(0, warmupSteps), steps.recipes(0, steps.steps().size()));
        if (!shape.publicInputs().isEmpty()) {
            prepared.keySet().removeIf(k -> !k.publicInputs().isEmpty());
        }
        prepared.put(shape, ready);
        return ready;
    }

    /**
     * The program for {@code shape}: the model's holder compiles it and sends its plan (comparison widths fixed),
     * the other party compiles from that plan; then both check that they compiled the same program. A party given a
     * plan file of its own that differs from the holder's refuses, and both fail naming the first differing site.
     */
    private Executable compile(BatchKey shape) {
        Channel peer = party.peer();
        Executable program;
        String refusal = null;
        if (holdsModel) {
            program = shape.publicInputs().isEmpty() ? compiled.computeIfAbsent(shape.shapes(),
                s -> Executable.compile(model, s, options.plan(), options.owners(), calibration))
                : Executable.compile(shape.bind(model), shape.shapes(), options.plan(), options.owners(), calibration);
            String plan = PlanJson.toJson(program.plan());
            party.labelled(SETUP, () -> {
                peer.sendBytes(plan.getBytes(StandardCharsets.UTF_8));
                return null;
            });
        } else {
            Plan plan = PlanJson.fromJson(party.labelled(SETUP,
                () -> new String(peer.receiveBytes(), StandardCharsets.UTF_8)));
            refusal = options.plan().planFile() == null ? null : PlanJson.read(options.plan().planFile())
                .firstDifference(plan, "party" + id, "party" + (1 - id));
            program = refusal == null ? Executable.compile(shape.bind(model), shape.shapes(), plan, options.owners())
                : null;
        }
        ProgramFingerprint fingerprint = program == null ? null : ProgramFingerprint.of(program.program(), settings());
        String theirs = exchange(party, refusal != null ? "refused: " + refusal : fingerprint.encode());
        if (refusal != null || theirs.startsWith("refused: ")) {
            throw new IllegalArgumentException("the parties were started with different plans: "
                + (refusal != null ? refusal : theirs.substring("refused: ".length())));
        }
        fingerprint.requireSame(ProgramFingerprint.decode(theirs), "party" + id, "party" + (1 - id));
        return program;
    }

    /**
     * Runs the program's warm-up prefix ({@link WarmupPrefix}) {@link #WARMUP_PREFIX_RUNS} times over the real links on
     * a zero input, with its own correlations, then exchanges zero frames; its time, traffic and correlations count
     * as setup, not as online or offline figures.
     */
    private void warmUp(Prepared p) {
        long offlineBytes = dealer.offlineBytesReceived();
        countedAsSetup(() -> {
            for (int k = 0; k < WARMUP_PREFIX_RUNS; k++) {
                dealer.prefetch(p.warmup());
            }
            party.labelled(WARMUP, () -> {
                Map<String, Tensor> zero = p.program().zeroInputs(options.owners(), id);
                for (int k = 0; k < WARMUP_PREFIX_RUNS; k++) {
                    p.program().warmUp(p.interpreter(), zero, p.warmupSteps());
                }
                exchangeZeroFrames();
                return null;
            });
        });
        warmupOfflineBytes += dealer.offlineBytesReceived() - offlineBytes;
        warmedUp = true;
    }

    /** Runs {@code work} and adds its time and its traffic with the peer to the setup figures. */
    private void countedAsSetup(Runnable work) {
        long t = System.nanoTime();
        TrafficStats.Counter before = party.peer().stats().total();
        work.run();
        TrafficStats.Counter after = party.peer().stats().total();
        figures.setupNanos += System.nanoTime() - t;
        figures.setupRounds += after.rounds - before.rounds;
        figures.setupBytesSent += after.bytesSent - before.bytesSent;
    }

    /**
     * TLS seals and opens each 16 KB record in code that C2 compiles only after some thousands of records, more than
     * a model's first layer sends; frames of zeros (public, and encrypted like any frame) make up the rest: up to
     * {@link #WARMUP_FRAMES} frames of 1 MB each way, or fewer once {@link #WARMUP_FRAME_MILLIS} have passed (a slow
     * link). Party 0 decides: the first word of its frame says whether another follows.
     */
    private void exchangeZeroFrames() {
        long deadline = System.nanoTime() + WARMUP_FRAME_MILLIS * 1_000_000L;
        long[] frame = new long[WARMUP_FRAME_WORDS];
        boolean more = true;
        for (int k = 0; more; k++) {
            if (id == 0) {
                more = k + 1 < WARMUP_FRAMES && System.nanoTime() < deadline;
                frame[0] = more ? 1 : 0;
                party.exchange(frame);
            } else {
                more = party.exchange(frame)[0] != 0;
            }
        }
    }

    /** Fetches correlations from the dealer ahead of their use. */
    private void offline(List<Recipe> needed) {
        long t = System.nanoTime();
        dealer.prefetch(needed);
        figures.offlineNanos += System.nanoTime() - t;
    }

    /**
     * Why the input owner refuses {@code slice}, or null: the holder's plan says what its comparison widths were
     * sized on, the one range check the input owner can make without the weights ({@link
     * RangeCheck#checkCalibratedInputs}).
     */
    private IllegalArgumentException refusal(Prepared p, Map<String, Tensor> slice) {
        try {
            RangeCheck.checkCalibratedInputs(p.program().plan(), slice);
            return null;
        } catch (IllegalArgumentException e) {
            return e;
        }
    }

    /**
     * Both parties meet (the input owner's word says whether it refused its input, which ends the session at both),
     * then the batch runs with the clock on; per-step figures come from the interpreter. While it
     * runs, progress is reported from the rounds the channel has counted so far.
     */
    private Map<String, FloatTensor> online(Prepared p, Map<String, Tensor> mine, IllegalArgumentException refused) {
        long[] theirs = party.labelled(SYNC, () -> party.exchange(new long[] {refused == null ? 0 : 1}));
        if (refused != null) {
            throw refused;
        }
        if (theirs[0] != 0) {
            throw new IllegalArgumentException("party" + (1 - id) + " refused its input: beyond the range the "
                + "comparison widths were sized on (its own error names the value)");
        }
        long roundsAtStart = party.peer().stats().total().rounds;
        long doneBefore = figures.rounds;
        ScheduledFuture<?> ticker = TICKER.scheduleAtFixedRate(() -> progress.update(Math.min(totalRounds - 1,
            doneBefore + party.peer().stats().total().rounds - roundsAtStart), totalRounds), 250, 250,
            TimeUnit.MILLISECONDS);
        long t = System.nanoTime();
        RunResult r;
        try {
            r = p.program().run(p.interpreter(), mine);
        } finally {
            ticker.cancel(false);
        }
        // Correlations fetched during the run beyond the prefetch window are offline work, not online time.
        long late = Math.round(r.offlineSeconds() * 1e9);
        figures.onlineNanos += System.nanoTime() - t - late;
        figures.offlineNanos += late;
        figures.rounds += r.rounds();
        figures.bytesSent += r.bytesSent();
        for (OpStat s : r.perOp()) {
            figures.addOp(s.op(), s.site(), s.rounds(), s.bytes(), Math.round(s.seconds() * 1e9));
        }
        Map<String, FloatTensor> out = p.program().outputs(r);
        out.values().forEach(y -> requireNoWrap(y, p.program().fractionalBits()));
        return out;
    }

    /**
     * Fails the query when an output shows a local truncation's wrap ({@link Truncation#wrapEvidence}): with large
     * intermediates (CrypTen's exp and Newton iterations) the rare failure of local truncation becomes likely, and
     * the output owner must not take such an output for an answer. A wrap squashed by a later non-linearity (a
     * softmax weight near 0) stays undetected; {@code simulate --truncation-risk} gives the expected rate.
     */
    static FloatTensor requireNoWrap(FloatTensor out, int fractionalBits) {
        if (out == null) {
            return null;
        }
        double evidence = Truncation.wrapEvidence(fractionalBits);
        double[] y = out.data();
        for (int i = 0; i < y.length; i++) {
            if (Math.abs(y[i]) >= evidence) {
                throw new IllegalStateException("output element " + i + " is " + String.format("%.3g", y[i])
                    + ": a local truncation wrapped (it fails with probability |x|/2^64 per element, and this "
                    + "program's intermediates are large); the output is not an answer: run again");
            }
        }
        return out;
    }

    /** Party 1 sends its figures to party 0, which combines both; returns the combination at party 0. */
    private RunStats exchangeFigures() {
        try {
            Channel peer = party.peer();
            String json = RunStats.toJson(figures);
            if (id == 1) {
                party.labelled(SETUP, () -> {
                    peer.sendBytes(json.getBytes(StandardCharsets.UTF_8));
                    return null;
                });
                return null;
            }
            String theirs = party.labelled(SETUP, () -> new String(peer.receiveBytes(), StandardCharsets.UTF_8));
            return RunStats.combine(figures, RunStats.partyFigures(theirs));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode or decode the parties' figures: " + e.getMessage(), e);
        }
    }
}
