package org.cryptorch.api;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.cryptorch.compile.CompileOptions;
import org.cryptorch.compile.Ownership;
import org.cryptorch.compile.Plan;
import org.cryptorch.compile.Program;
import org.cryptorch.compile.RangeCheck;
import org.cryptorch.exec.Interpreter;
import org.cryptorch.ir.Graph;
import org.cryptorch.exec.MpcBackend;
import org.cryptorch.exec.PlainBackend;
import org.cryptorch.exec.RunResult;
import org.cryptorch.mpc.Party;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * A model compiled for one input shape (batch included): the fixed-point program, runnable on the plain simulator
 * or as one party.
 */
public final class Executable {
    private final Program program;
    private final String inputName;
    private final String outputName;
    private final Shape inputShape;
    private final DType inputType;
    private final Plan plan;

    private Executable(Program program, Plan plan, String inputName, String outputName, Shape inputShape,
                       DType inputType) {
        this.program = program;
        this.plan = plan;
        this.inputName = inputName;
        this.outputName = outputName;
        this.inputShape = inputShape;
        this.inputType = inputType;
    }

    /**
     * Compiles {@code model} for inputs of {@code inputShape}; comparisons the plan leaves open get their widths
     * from {@code calibration} (public samples, never the private inputs), or the full ring without it.
     */
    public static Executable compile(Model model, Shape inputShape, PlanChoice plan, Ownership owners,
                                     Calibration calibration) {
        return compile(model, inputShape, plan::resolve, owners, calibration);
    }

    /**
     * Compiles {@code model} with the {@link #plan} of another compilation of the same architecture: the same
     * program, without calibration data or weight values (how the party without the weights compiles).
     */
    static Executable compile(Model model, Shape inputShape, Plan plan, Ownership owners) {
        return compile(model, inputShape, canonical -> plan, owners, Calibration.NONE);
    }

    private static Executable compile(Model model, Shape inputShape, Function<Graph, Plan> planFor,
                                      Ownership owners, Calibration calibration) {
        Graph canonical = model.canonical(inputShape);
        Plan resolved = planFor.apply(canonical);
        List<Map<String, Tensor>> samples = calibration.inputs(model.inputName(), inputShape);
        Program p = org.cryptorch.compile.Compiler.compile(canonical, Map.of(model.inputName(), inputShape), resolved,
            CompileOptions.defaults().withOwnership(owners), samples);
        Plan planned = resolved.withComparisonWidths(p.comparisonWidths());
        if (samples != null) {
            planned = planned.withCalibratedInputs(RangeCheck.largestMagnitudes(samples));
        }
        return new Executable(p, planned, model.inputName(),
            canonical.outputs().get(0).name(), inputShape, model.inputType());
    }

    /** This executable for a party that does not own the secret weights (see {@link Program#withoutWeightValues}). */
    Executable withoutWeightValues() {
        return new Executable(program.withoutWeightValues(), plan, inputName, outputName, inputShape, inputType);
    }

    /**
     * The plan this was compiled with, every comparison width fixed: public (approximations, knobs and widths say
     * nothing about the weights beyond the ranges calibration saw), and enough to compile the same program again.
     */
    public Plan plan() {
        return plan;
    }

    public Program program() {
        return program;
    }

    public Shape inputShape() {
        return inputShape;
    }

    /** Zero inputs of the compiled shape and type (for warm-ups: the program does not depend on values). */
    Tensor zeroInput() {
        return Samples.zeros(inputType, inputShape);
    }

    public int fractionalBits() {
        return program.fractionalBits();
    }

    /** The bit-exact fixed-point simulation in this process (the plain backend). */
    public FloatTensor simulate(Tensor input) {
        return simulation(input).output();
    }

    /**
     * A simulation's output and the expected number of local truncation failures a private run of this input would
     * have ({@link PlainBackend#expectedLocalTruncationFailures}).
     */
    public record Simulation(FloatTensor output, double expectedTruncationFailures) {
    }

    public Simulation simulation(Tensor input) {
        PlainBackend plain = new PlainBackend(program.fractionalBits());
        FloatTensor y = output(new Interpreter(program, plain).run(inputs(input)));
        return new Simulation(y, plain.expectedLocalTruncationFailures());
    }

    /** An interpreter for this party; call {@link Interpreter#setup} (shares the weights) before the first run. */
    Interpreter interpreter(Party party) {
        return new Interpreter(program, new MpcBackend(party));
    }

    /** Runs one batch at this party; {@code input} is null unless this party owns it. */
    RunResult run(Interpreter interpreter, Tensor input) {
        return interpreter.run(input == null ? Map.of() : inputs(input));
    }

    /** Runs the first {@code steps} steps at this party and forgets them (see {@link Interpreter#warmUp}). */
    void warmUp(Interpreter interpreter, Tensor input, int steps) {
        interpreter.warmUp(input == null ? Map.of() : inputs(input), steps);
    }

    /** The output in {@code r}, or null if this party does not receive it. */
    FloatTensor output(RunResult r) {
        return r.outputs().get(outputName);
    }

    private Map<String, Tensor> inputs(Tensor x) {
        return Map.of(inputName, x);
    }
}
