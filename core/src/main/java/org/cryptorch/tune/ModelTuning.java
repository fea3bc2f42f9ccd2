package org.cryptorch.tune;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.cryptorch.approx.Profile;
import org.cryptorch.compile.CompileOptions;
import org.cryptorch.compile.Compiler;
import org.cryptorch.compile.Plan;
import org.cryptorch.compile.Program;
import org.cryptorch.ir.Graph;
import org.cryptorch.reference.FloatInterpreter;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * Tuning a whole ONNX model (what {@code cryptorch tune} runs, through {@code api.CrypTorch.tune}): the default
 * profile's plan as reference, the candidates of every site, PlainBackend scoring on the calibration samples, then
 * checks of a plan on held-out data and its predicted latency on any network (on the program's real fused schedule).
 */
public final class ModelTuning {
    /**
     * What tuning needs of a model with one input ({@code api.Model} provides it, with its checks).
     *
     * @param input        the input's name
     * @param declaredDims its declared dimensions (negative: dynamic), which decide the batches
     * @param canonical    a fresh canonical graph for an input shape (canonicalisation folds shapes)
     * @param graph        a fresh graph as read: the float reference that error metrics compare with
     */
    public record Source(String input, int[] declaredDims, Function<Shape, Graph> canonical, Supplier<Graph> graph) {
    }

    private final Source source;
    private final String input;
    private final Metric metric;
    private final CompileOptions options;
    private final ModelSpace model;
    private final PlainEvaluator evaluator;

    /**
     * @param calibration calibration samples, real or integer like the model's input, first axis = samples (run in
     *                    the model's batches: {@link SampleBatches})
     * @param labels      one label per sample for accuracy or loss, or null for the error metrics vs float
     * @param offerLossy  whether lossy approximations are candidates (not under a budget of 0, see {@link ModelSpace})
     * @param costs       prices candidates when ordering them (its network decides what "cheaper" means)
     * @param threads     candidates compiled at once
     */
    public ModelTuning(Source source, Tensor calibration, long[] labels, Metric metric, boolean offerLossy,
                       CompileOptions options, CostModel costs, int threads, Consumer<String> log) {
        this.source = source;
        this.input = source.input();
        this.metric = metric;
        this.options = options;
        SampleBatches batches = SampleBatches.of(calibration, source.declaredDims(), "--calib");
        Graph canonical = canonical(batches);
        Plan base = Plan.fromProfile(canonical, Profile.named(Profile.DEFAULT));
        this.model = ModelSpace.build(canonical, Map.of(input, batches.batchShape()), batches.inputs(input), options,
            base, offerLossy, costs, threads, log);
        this.evaluator = new PlainEvaluator(model, batches.inputs(input), objective(batches, labels));
    }

    private Graph canonical(SampleBatches samples) {
        return source.canonical().apply(samples.batchShape());
    }

    private Objective objective(SampleBatches samples, long[] labels) {
        if (metric.needsLabels()) {
            if (labels == null) {
                throw new IllegalArgumentException("metric " + metric.cliName() + " needs labels (--calib-labels)");
            }
            return Objective.withLabels(metric, labels);
        }
        Graph raw = source.graph().get();
        String output = raw.outputs().get(0).name();
        return Objective.againstFloat(metric, SampleBatches.joined(samples.inputs(input),
            in -> (FloatTensor) FloatInterpreter.run(raw, in).get(output)));
    }

    public SearchSpace space() {
        return model.space();
    }

    /** The search; the report carries the chosen plan's comparison widths on the calibration data. */
    public TuneReport tune(SearchStrategy strategy, CostModel costs, TuneOptions tuneOptions,
                           Consumer<Evaluated> progress) {
        TuneReport r = new Tuner(model.space(), evaluator, costs, model.otherOps(), tuneOptions).tune(strategy,
            progress);
        Plan chosen = compile(r.chosen().assignment()).plan();
        return r.withCalibration(chosen.comparisonWidths(), chosen.calibratedInputs());
    }

    /** A plan with the comparison widths it compiles to on the calibration data, and that program. */
    public record Compiled(Plan plan, Program program) {
    }

    /**
     * The compiler plan of a report's reference or chosen assignment, compiled on the calibration data; the plan
     * carries the resulting comparison widths and the calibration's input range (so scoring it elsewhere, or running it, uses the widths the search
     * measured).
     */
    public Compiled compile(Assignment a) {
        Plan p = model.plan(a);
        Program program = model.compile(p);
        return new Compiled(p.withComparisonWidths(program.comparisonWidths())
            .withCalibratedInputs(model.calibratedInputs()), program);
    }

    /**
     * The reference assignment's program as {@code cryptorch run} compiles the default profile without a plan or
     * calibration data (comparisons sized for the approximations' documented ranges where they declare one, else
     * 64 bits): the baseline a measured speedup of the tuned plan is taken against.
     */
    public Program uncalibratedReference(Assignment reference) {
        return model.compileUncalibrated(model.plan(reference));
    }

    /** The metric of {@code plan} on other samples (e.g. held-out data the search never saw), on the PlainBackend. */
    public double score(Plan plan, Tensor samples, long[] labels) {
        SampleBatches batches = SampleBatches.of(samples, source.declaredDims(), "--holdout");
        Graph g = canonical(batches);
        Program p = Compiler.compile(g, Map.of(input, batches.batchShape()), plan, options, batches.inputs(input));
        PlainEvaluator onSamples = new PlainEvaluator(model, batches.inputs(input), objective(batches, labels));
        return onSamples.score(p);
    }

    /** Predicted latency of a compiled plan on the calibration batch, with the program's fused schedule. */
    public static CostPrediction predict(Program p, CostModel costs) {
        return costs.predict(ProgramCostedOps.ops(p), ProgramCostedOps.schedule(p));
    }
}
