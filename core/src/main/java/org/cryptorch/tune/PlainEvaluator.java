package org.cryptorch.tune;

import java.util.Map;
import org.cryptorch.compile.Program;
import org.cryptorch.exec.Interpreter;
import org.cryptorch.exec.PlainBackend;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Tensor;

/**
 * Scores an assignment as the parties would compute it: compiles its plan and runs the calibration inputs through
 * the bit-exact fixed-point {@link PlainBackend} (not float, so fixed-point error and too narrow comparisons count),
 * then applies the objective to the first output. The PlainBackend is deterministic, so the seed changes nothing.
 */
public final class PlainEvaluator implements Evaluator {
    private final ModelSpace model;
    private final Map<String, ? extends Tensor> inputs;
    private final Objective objective;

    public PlainEvaluator(ModelSpace model, Map<String, ? extends Tensor> inputs, Objective objective) {
        this.model = model;
        this.inputs = Map.copyOf(inputs);
        this.objective = objective;
    }

    @Override
    public double evaluate(Assignment assignment, long seed) {
        return score(model.compile(model.plan(assignment)));
    }

    /** The objective on the first output of {@code program} run on this evaluator's inputs. */
    public double score(Program program) {
        Interpreter it = new Interpreter(program, new PlainBackend(program.fractionalBits()));
        FloatTensor out = it.run(inputs).outputs().values().iterator().next();
        return objective.score(out);
    }
}
