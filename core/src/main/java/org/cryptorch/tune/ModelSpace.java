package org.cryptorch.tune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.cryptorch.approx.Approximation;
import org.cryptorch.approx.CalibratedKnob;
import org.cryptorch.approx.Choice;
import org.cryptorch.approx.ConfigurationRejectedException;
import org.cryptorch.approx.KnobValues;
import org.cryptorch.compile.CompileOptions;
import org.cryptorch.compile.Compiler;
import org.cryptorch.compile.Plan;
import org.cryptorch.compile.Program;
import org.cryptorch.compile.RangeCheck;
import org.cryptorch.ir.Graph;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * The search space of a real model: its approximation sites (from a base plan, e.g. the default profile), each with
 * the {@link CandidateCatalog} configurations that are predicted cheaper than the base on the given network, ordered
 * by predicted latency with the base last (so the budget is measured against the base plan). A candidate's cost is
 * read from a compiled program: all sites of one op take the candidate at once, one compilation per op and
 * candidate, and each site's instructions are costed.
 */
public final class ModelSpace {
    private final Graph canonical;
    private final Map<String, Shape> inputShapes;
    private final List<Map<String, Tensor>> calibration;
    private final CompileOptions options;
    private final List<Plan.Site> baseSites;
    private final List<List<Choice>> choices;
    private final SearchSpace space;
    private final List<CostedOp> otherOps;

    private ModelSpace(Graph canonical, Map<String, Shape> inputShapes, List<Map<String, Tensor>> calibration,
                       CompileOptions options, Plan base, boolean offerLossy, CostModel model, int threads,
                       Consumer<String> log) {
        this.canonical = canonical;
        this.inputShapes = Map.copyOf(inputShapes);
        this.calibration = widthSamples(calibration);
        this.options = options;
        this.baseSites = base.sites();
        Program baseProgram = compile(base);
        this.otherOps = ProgramCostedOps.ops(baseProgram).stream()
            .filter(op -> base.site(op.site()).isEmpty()).toList();
        Map<String, Map<Choice, Map<String, List<CostedOp>>>> byOp = costCandidates(base, offerLossy, threads,
            log);
        Map<String, List<Candidate>> calibratedChoices = calibratedCandidates(base, calibration, log);
        Map<String, double[]> observed = RangeMargin.observed(canonical, calibration,
            baseSites.stream().map(Plan.Site::name).collect(Collectors.toSet()));
        int outOfRange = 0;
        List<Site> sites = new ArrayList<>();
        this.choices = new ArrayList<>();
        for (Plan.Site s : baseSites) {
            Choice baseChoice = new Choice(s.approximation(), s.knobs().complete(s.resolve()));
            double baseSeconds = model.seconds(ProgramCostedOps.ops(baseProgram, s.name()));
            List<Candidate> cheaper = new ArrayList<>();
            byOp.get(s.op()).forEach((choice, bySite) -> {
                Candidate c = new Candidate(choice.approximation(), choice.knobs(), bySite.get(s.name()));
                if (!choice.equals(baseChoice) && model.seconds(c.ops()) < baseSeconds) {
                    cheaper.add(c);
                }
            });
            for (Candidate c : calibratedChoices.getOrDefault(s.name(), List.of())) {
                if (model.seconds(c.ops()) < baseSeconds) {
                    cheaper.add(c);
                }
            }
            int offered = cheaper.size();
            cheaper.removeIf(c -> !RangeMargin.admits(c.approximation(), c.knobs(), observed.get(s.name())));
            outOfRange += offered - cheaper.size();
            cheaper.sort(Comparator.comparingDouble(c -> model.seconds(c.ops())));
            List<CostedOp> baseOps = ProgramCostedOps.ops(baseProgram, s.name());
            cheaper.add(new Candidate(baseChoice.approximation(), baseChoice.knobs(), baseOps));
            sites.add(new Site(s.name(), s.op(), likeness(s.op(), baseOps), cheaper));
            choices.add(cheaper.stream().map(c -> new Choice(c.approximation(), c.knobs())).toList());
        }
        this.space = new SearchSpace(sites);
        log.accept(outOfRange + " cheaper configurations not offered: their documented range does not hold the "
            + "calibration inputs with a margin of " + Math.round(RangeMargin.MARGIN * 100) + " % of their spread");
    }

    /**
     * The first calibration batches, up to {@link #WIDTH_SAMPLES} samples (at least one batch): every candidate
     * compile runs the float model on them to size its comparisons, and that pass, not the fixed-point scoring,
     * would dominate tuning a large model on many samples. Widths keep {@code ComparisonWidths.SAFETY_BITS} of
     * headroom, and the search scores every candidate on all samples in fixed point, so a width too narrow for a
     * sample outside this subset shows as lost accuracy rather than passing unseen.
     */
    private static List<Map<String, Tensor>> widthSamples(List<Map<String, Tensor>> calibration) {
        return List.copyOf(calibration.subList(0, SampleBatches.leadingHolding(calibration, WIDTH_SAMPLES)));
    }

    /** Calibration samples that size the comparisons of every compiled candidate ({@link #widthSamples}). */
    static final int WIDTH_SAMPLES = 2;

    /**
     * @param calibration sample inputs by input name: the lowering chooses comparison widths from them
     * @param offerLossy  whether lossy approximations ({@code Approximation.lossy}) are candidates: not under a
     *                    budget of 0, which promises no loss that a calibration set could fail to show
     * @param threads     candidates compiled at once
     * @param log         told of progress while the candidates compile
     */
    public static ModelSpace build(Graph canonical, Map<String, Shape> inputShapes,
                                   List<Map<String, Tensor>> calibration, CompileOptions options, Plan base,
                                   boolean offerLossy, CostModel model, int threads, Consumer<String> log) {
        return new ModelSpace(canonical, inputShapes, calibration, options, base, offerLossy, model, threads, log);
    }

    /**
     * Per op type, every candidate that compiles, with the ops of each of that op's sites in the program where all
     * of them take the candidate. Compiles on {@code threads} threads; only the costs are kept, since a program
     * holds the model's weights.
     */
    private Map<String, Map<Choice, Map<String, List<CostedOp>>>> costCandidates(Plan base, boolean offerLossy,
                                                                                  int threads, Consumer<String> log) {
        Map<String, Choice> baseByOp = new LinkedHashMap<>();
        baseSites.forEach(s -> baseByOp.putIfAbsent(s.op(), s.choice()));
        Map<String, Map<Choice, Map<String, List<CostedOp>>>> out = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            baseByOp.forEach((op, choice) -> {
                List<Choice> candidates = CandidateCatalog.around(op, choice, offerLossy);
                List<Future<Map<String, List<CostedOp>>>> costs = new ArrayList<>();
                for (Choice c : candidates) {
                    costs.add(pool.submit(() -> siteCosts(base, op, c)));
                }
                Map<Choice, Map<String, List<CostedOp>>> byChoice = new LinkedHashMap<>();
                List<String> skipped = new ArrayList<>();
                for (int i = 0; i < candidates.size(); i++) {
                    try {
                        byChoice.put(candidates.get(i), costs.get(i).get());
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof ConfigurationRejectedException)) {
                            // a bug must not pass for a refused candidate and silently leave the search
                            throw new IllegalStateException("costing the " + op + " candidate "
                                + candidates.get(i).approximation() + " " + candidates.get(i).knobs() + " failed: "
                                + e.getCause().getMessage(), e.getCause());
                        }
                        // e.g. a comparison width the approximation refuses: not a candidate, reported as a count
                        skipped.add(e.getCause().getMessage());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while costing candidates", e);
                    }
                }
                log.accept(op + ": " + byChoice.size() + " configurations costed" + (skipped.isEmpty() ? ""
                    : ", " + skipped.size() + " rejected by the compiler (first: " + skipped.get(0) + ")"));
                out.put(op, byChoice);
            });
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    /**
     * Per site whose approximation declares calibrated knobs ({@link CalibratedKnobs}), that configuration at each
     * value its calibration inputs suggest. A site's candidates differ from other sites' in these values, which the
     * op-wide candidates cannot express; the k-th configurations of all sites are costed together in one program.
     */
    private Map<String, List<Candidate>> calibratedCandidates(Plan base, List<Map<String, Tensor>> samples,
                                                              Consumer<String> log) {
        Set<String> calibrated = baseSites.stream().filter(s -> !s.resolve().calibratedKnobs().isEmpty())
            .map(Plan.Site::name).collect(Collectors.toSet());
        Map<CalibratedKnob.Statistic, Map<String, double[]>> measured = new EnumMap<>(CalibratedKnob.Statistic.class);
        Map<String, List<Choice>> bySite = new LinkedHashMap<>();
        Map<String, List<String>> shown = new LinkedHashMap<>();
        int rounds = 0;
        for (Plan.Site s : baseSites) {
            Approximation a = s.resolve();
            KnobValues knobs = s.knobs().complete(a);
            for (CalibratedKnob k : a.calibratedKnobs()) {
                double[] statistic = measured.computeIfAbsent(k.statistic(), st -> CalibratedKnobs.measure(st,
                    canonical, samples, calibrated)).getOrDefault(s.name(), new double[0]);
                for (int v : CalibratedKnobs.values(statistic, k.knob())) {
                    bySite.computeIfAbsent(s.name(), x -> new ArrayList<>()).add(new Choice(s.approximation(),
                        k.apply(knobs, v)));
                    shown.computeIfAbsent(s.name(), x -> new ArrayList<>()).add(k.knob().name() + "=" + v);
                }
            }
            rounds = Math.max(rounds, bySite.getOrDefault(s.name(), List.of()).size());
        }
        Map<String, List<Candidate>> out = new LinkedHashMap<>();
        for (int k = 0; k < rounds; k++) {
            Map<String, Choice> choices = new LinkedHashMap<>();
            Plan p = base;
            for (Plan.Site s : baseSites) {
                List<Choice> c = bySite.getOrDefault(s.name(), List.of());
                if (k < c.size()) {
                    choices.put(s.name(), c.get(k));
                    p = p.with(new Plan.Site(s.name(), s.op(), c.get(k).approximation(), c.get(k).knobs()));
                }
            }
            try {
                Program program = compile(p);
                choices.forEach((site, c) -> out.computeIfAbsent(site, x -> new ArrayList<>()).add(
                    new Candidate(c.approximation(), c.knobs(), ProgramCostedOps.ops(program, site))));
            } catch (ConfigurationRejectedException e) {
                log.accept("calibrated knob values rejected by the compiler: " + e.getMessage());
            }
        }
        if (!shown.isEmpty()) {
            log.accept("calibrated knob candidates " + shown);
        }
        return out;
    }

    /** The ops of each site of {@code op} when all of them take {@code c}. */
    private Map<String, List<CostedOp>> siteCosts(Plan base, String op, Choice c) {
        Plan p = base;
        for (Plan.Site s : baseSites) {
            if (s.op().equals(op)) {
                p = p.with(new Plan.Site(s.name(), op, c.approximation(), c.knobs()));
            }
        }
        Program program = compile(p);
        Map<String, List<CostedOp>> bySite = new LinkedHashMap<>();
        for (Plan.Site s : baseSites) {
            if (s.op().equals(op)) {
                bySite.put(s.name(), ProgramCostedOps.ops(program, s.name()));
            }
        }
        return bySite;
    }

    /**
     * Sites of the same op whose base configuration does the same work (elements and bytes, which follow from the
     * shapes) are alike; {@link SearchSpace#decisions} also requires equal candidate lists before tying them.
     */
    private static String likeness(String op, List<CostedOp> baseOps) {
        return op + ":" + baseOps.stream().mapToLong(CostedOp::elements).sum() + ":"
            + baseOps.stream().mapToLong(CostedOp::bytesPerParty).sum();
    }

    public SearchSpace space() {
        return space;
    }

    /** Cost of the ops no site choice changes (linear layers, inputs, outputs), from the base program. */
    public List<CostedOp> otherOps() {
        return otherOps;
    }

    /** The compiler's plan for an assignment of this space. */
    public Plan plan(Assignment a) {
        space.check(a);
        List<Plan.Site> sites = new ArrayList<>();
        for (int i = 0; i < baseSites.size(); i++) {
            Plan.Site s = baseSites.get(i);
            Choice c = choices.get(i).get(a.choice(i));
            sites.add(new Plan.Site(s.name(), s.op(), c.approximation(), c.knobs()));
        }
        return Plan.of(sites);
    }

    public Program compile(Plan plan) {
        return Compiler.compile(canonical, inputShapes, plan, options, calibration);
    }

    /** The largest magnitude of each input among the samples {@link #compile} sizes comparisons on. */
    public Map<String, Double> calibratedInputs() {
        return RangeCheck.largestMagnitudes(calibration);
    }

    /**
     * {@code plan} compiled as {@code cryptorch run} compiles a profile without calibration data: comparisons the
     * plan does not size take 64 bits.
     */
    public Program compileUncalibrated(Plan plan) {
        return Compiler.compile(canonical, inputShapes, plan, options, null);
    }
}
