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
 * same settings, then run queries until the input owner ends the session. Each query: the input owner tells the
 * other party the input's shape (shapes are public, values are not); each batch then has an offline phase (the
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
    /** Programs the model's holder compiled, by input shape: kept across the sessions of one server. */
    private final Map<Shape, Executable> compiled;
    private final Links links;
    private final CompletableFuture<Void> protocolWarmup;
    private final RemoteCorrelations dealer;
    private final Party party;
    private final Map<Shape, Prepared> prepared = new HashMap<>();
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
    /** The batch shape whose correlations were fetched ahead for the next query, or null. */
    private Shape aheadFor;

    /**
     * A program ready to run batches of one shape: its interpreter (weights shared), its warm-up prefix and the
     * correlations that takes, and the correlations a run takes.
     */
    private record Prepared(Executable program, Interpreter interpreter, int warmupSteps, List<Recipe> warmup,
                            List<Recipe> perRun) {
    }

    /**
     * One query's result: the input shape, the output (at its receiver, else null), the statistics of both parties
     * (at party 0, else null) and this party's own figures.
     */
    record Query(Shape shape, FloatTensor output, RunStats stats, PartyFigures mine) {
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
    PartySession(int id, Model model, RunOptions options, Links links, Map<Shape, Executable> compiled,
                 long runAheadWords, Progress progress) {
        this.id = id;
        this.runAhead = runAheadWords > 0;
        this.model = model;
        this.options = options;
        this.progress = progress;
        this.links = links;
        this.compiled = compiled;
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

    boolean ownsInput() {
        return id == options.owners().defaultInputOwner();
    }

    /** At the input owner: announces a query on {@code samples} (first axis) and runs it. */
    Query run(Tensor samples) {
        model.checkSamples(samples, options.batch());
        int[] dims = samples.shape().dims();
        party.labelled(SETUP, () -> {
            links.peer().send(new long[] {1, dims.length});
            links.peer().send(Arrays.stream(dims).asLongStream().toArray());
            return null;
        });
        return query(samples.shape(), samples);
    }

    /** At the other party: waits for the input owner's next query and runs it; null when the session ended. */
    Query next() {
        Shape shape = party.labelled(SETUP, () -> {
            long[] header = links.peer().receive(2);
            if (header[0] == 0) {
                return null;
            }
            return Shape.of(Arrays.stream(links.peer().receive(Math.toIntExact(header[1])))
                .mapToInt(Math::toIntExact).toArray());
        });
        if (shape == null) {
            ended = true;
            return null;
        }
        model.checkSamples(shape, options.batch());
        return query(shape, null);
    }

    /** At the input owner: tells the other party that no query follows. */
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

    /** Runs one query of {@code shape} in batches; {@code input} is null unless this party owns it. */
    private Query query(Shape inputShape, Tensor input) {
        List<FloatTensor> outputs = new ArrayList<>();
        // A query that came before the run-ahead finished waits for it (offline time) rather than running its online
        // phase beside the fetching; what the run-ahead fetched came ahead of this query, not in it.
        long t = System.nanoTime();
        dealer.awaitFetcher();
        figures.offlineNanos += System.nanoTime() - t;
        long offlineBytesBefore = dealer.offlineBytesReceived();
        long warmupBytesBefore = warmupOfflineBytes;
        int samples = inputShape.dim(0);
        int batch = model.batchSize(options.batch(), samples);
        int batches = (samples + batch - 1) / batch;
        totalRounds = 0;
        Shape first = Model.batchShape(inputShape, Math.min(samples, batch));
        boolean ready = first.equals(aheadFor);
        if (aheadFor != null && !ready) {
            discardAhead();
        }
        aheadFor = null;
        Shape last = null;
        for (int k = 0; k < batches; k++) {
            int start = k * batch;
            int end = Math.min(samples, start + batch);
            last = Model.batchShape(inputShape, end - start);
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
            Tensor slice = input == null ? null : Samples.slice(input, start, end);
            if (warming) {
                JitQuiescence.await(); // the warm-up queued compilations; later queries find them done
            }
            FloatTensor out = online(p, slice, slice == null ? null : refusal(p, slice));
            if (dealer.pending() != 0) {
                throw new IllegalStateException("the program took fewer correlations than it announced ("
                    + dealer.pending() + " prefetched left over)");
            }
            if (out != null) {
                outputs.add(out);
            }
            progress.update(Math.min(figures.rounds, totalRounds - 1), totalRounds);
        }
        progress.update(totalRounds, totalRounds);
        figures.offlineBytes = dealer.offlineBytesReceived() - offlineBytesBefore
            - (warmupOfflineBytes - warmupBytesBefore);
        RunStats stats = exchangeFigures();
        PartyFigures mine = figures;
        figures = new PartyFigures();
        if (runAhead) {
            // In the background: the caller has its output now, and the next query finds its correlations ready.
            dealer.prefetchInBackground(prepared.get(last).perRun());
            aheadFor = last;
        }
        return new Query(inputShape, outputs.isEmpty() ? null : FloatTensor.concat(0, outputs), stats, mine);
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
    private Prepared prepare(Shape shape) {
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
        prepared.put(shape, ready);
        return ready;
    }

    /**
     * The program for {@code shape}: the model's holder compiles it and sends its plan (comparison widths fixed),
     * the other party compiles from that plan; then both check that they compiled the same program. A party given a
     * plan file of its own that differs from the holder's refuses, and both fail naming the first differing site.
     */
    private Executable compile(Shape shape) {
        Channel peer = party.peer();
        Executable program;
        String refusal = null;
        if (holdsModel) {
            program = compiled.computeIfAbsent(shape,
                s -> Executable.compile(model, s, options.plan(), options.owners(), calibration));
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
            program = refusal == null ? Executable.compile(model, shape, plan, options.owners()) : null;
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
                Tensor zero = id == options.owners().defaultInputOwner() ? p.program().zeroInput() : null;
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
    private IllegalArgumentException refusal(Prepared p, Tensor slice) {
        try {
            RangeCheck.checkCalibratedInputs(p.program().plan(), Map.of(model.inputName(), slice));
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
    private FloatTensor online(Prepared p, Tensor input, IllegalArgumentException refused) {
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
            r = p.program().run(p.interpreter(), input);
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
        return requireNoWrap(p.program().output(r), p.program().fractionalBits());
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
