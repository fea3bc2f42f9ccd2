package org.cryptorch.tune;

import java.util.List;
import java.util.Map;
import org.cryptorch.approx.ConfigurationRejectedException;
import org.cryptorch.compile.Program;
import org.cryptorch.exec.Interpreter;
import org.cryptorch.exec.PlainBackend;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Tensor;

/**
 * Scores an assignment as the parties would compute it: compiles its plan and runs the calibration inputs through
 * the bit-exact fixed-point {@link PlainBackend} (not float, so fixed-point error and too narrow comparisons count),
 * then applies the objective to the first output (joined over the batches when the samples run in several). The PlainBackend is deterministic, so the seed changes nothing.
 * An assignment the compiler rejects scores NaN.
 */
public final class PlainEvaluator implements Evaluator {
    private final ModelSpace model;
    private final List<Map<String, Tensor>> batches;
    private final Objective objective;

    public PlainEvaluator(ModelSpace model, Map<String, ? extends Tensor> inputs, Objective objective) {
        this(model, List.of(Map.copyOf(inputs)), objective);
    }

    /** @param batches the inputs of each batch the program is compiled for (see {@link SampleBatches}) */
    PlainEvaluator(ModelSpace model, List<Map<String, Tensor>> batches, Objective objective) {
        this.model = model;
        this.batches = List.copyOf(batches);
        this.objective = objective;
    }

    /**
     * The same scoring on the first batches holding at least {@link #SCREENING_SAMPLES} samples, or this evaluator
     * when that is all of them (a model with a dynamic batch runs its calibration as one batch).
     */
    @Override
    public Evaluator screening() {
        int k = SampleBatches.leadingHolding(batches, SCREENING_SAMPLES);
        return k == batches.size() ? this : new PlainEvaluator(model, batches.subList(0, k),
            objective.firstSamples(SampleBatches.samples(batches, k), SampleBatches.samples(batches, batches.size())));
    }

    /** Samples the screening estimate runs on at least (when the calibration is in several batches). */
    static final int SCREENING_SAMPLES = 8;

    /**
     * NaN when the compiler rejects the combination ({@link ConfigurationRejectedException}; each candidate compiled
     * alone when the space was built, but a combination can still fail, e.g. a comparison width that no longer fits):
     * NaN is never within budget, so the search just moves on. Any other failure is a bug and ends the search.
     */
    @Override
    public double evaluate(Assignment assignment, long seed) {
        Program program;
        try {
            program = model.compile(model.plan(assignment));
        } catch (ConfigurationRejectedException e) {
            return Double.NaN;
        }
        return score(program);
    }

    /** The objective on the first output of {@code program} run on this evaluator's inputs. */
    public double score(Program program) {
        Interpreter it = new Interpreter(program, new PlainBackend(program.fractionalBits()));
        return objective.score(SampleBatches.joined(batches, in -> it.run(in).outputs().values().iterator().next()));
    }
}
