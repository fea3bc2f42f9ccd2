package org.cryptorch.api;

import java.util.LinkedHashMap;
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
 * A model compiled for one batch's input shapes: the fixed-point program, runnable on the plain simulator or as one
 * party.
 */
public final class Executable {
    private final Program program;
    /** Shapes of one batch of every input, by name, in the model's order. */
    private final Map<String, Shape> inputShapes;
    private final Map<String, DType> inputTypes;
    /** The model's output names, in its order (canonicalisation keeps them). */
    private final List<String> outputNames;
    private final Plan plan;

    private Executable(Program program, Plan plan, Map<String, Shape> inputShapes, Map<String, DType> inputTypes,
                       List<String> outputNames) {
        this.program = program;
        this.plan = plan;
        this.inputShapes = inputShapes;
        this.inputTypes = inputTypes;
        this.outputNames = outputNames;
    }

    /**
     * Compiles {@code model} for one batch of inputs of {@code inputShapes} (by name); comparisons the plan leaves
     * open get their widths from {@code calibration} (public samples, never the private inputs), or the full ring
     * without it.
     */
    public static Executable compile(Model model, Map<String, Shape> inputShapes, PlanChoice plan, Ownership owners,
                                     Calibration calibration) {
        return compile(model, inputShapes, plan::resolve, owners, calibration);
    }

    /**
     * Compiles {@code model} with the {@link #plan} of another compilation of the same architecture: the same
     * program, without calibration data or weight values (how the party without the weights compiles).
     */
    static Executable compile(Model model, Map<String, Shape> inputShapes, Plan plan, Ownership owners) {
        return compile(model, inputShapes, canonical -> plan, owners, Calibration.NONE);
    }

    private static Executable compile(Model model, Map<String, Shape> inputShapes, Function<Graph, Plan> planFor,
                                      Ownership owners, Calibration calibration) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        Map<String, DType> types = new LinkedHashMap<>();
        for (Model.Input in : model.inputs()) {
            shapes.put(in.name(), inputShapes.get(in.name()));
            types.put(in.name(), in.type());
        }
        Graph canonical = model.canonical(shapes);
        Plan resolved = planFor.apply(canonical);
        List<Map<String, Tensor>> samples = calibration.inputs(shapes);
        Program p = org.cryptorch.compile.Compiler.compile(canonical, shapes, resolved,
            CompileOptions.defaults().withOwnership(owners), samples);
        Plan planned = resolved.withComparisonWidths(p.comparisonWidths());
        if (samples != null) {
            planned = planned.withCalibratedInputs(RangeCheck.largestMagnitudes(samples));
        }
        return new Executable(p, planned, shapes, types, model.outputNames());
    }

    /** This executable for a party that does not own the secret weights (see {@link Program#withoutWeightValues}). */
    Executable withoutWeightValues() {
        return new Executable(program.withoutWeightValues(), plan, inputShapes, inputTypes, outputNames);
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

    /** The shapes of one batch of every input, by name. */
    public Map<String, Shape> inputShapes() {
        return inputShapes;
    }

    /**
     * Zero inputs of the compiled shapes and types, for those inputs {@code owner} supplies (for warm-ups: the
     * program does not depend on values).
     */
    Map<String, Tensor> zeroInputs(Ownership owners, int owner) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        inputShapes.forEach((name, shape) -> {
            if (owners.ownerOfInput(name) == owner) {
                out.put(name, Samples.zeros(inputTypes.get(name), shape));
            }
        });
        return out;
    }

    public int fractionalBits() {
        return program.fractionalBits();
    }

    /** The bit-exact fixed-point simulation in this process (the plain backend): every output, by name. */
    public Map<String, FloatTensor> simulate(Map<String, ? extends Tensor> inputs) {
        return simulation(inputs).outputs();
    }

    /**
     * A simulation's outputs (by name) and the expected number of local truncation failures a private run of this
     * input would have ({@link PlainBackend#expectedLocalTruncationFailures}).
     */
    public record Simulation(Map<String, FloatTensor> outputs, double expectedTruncationFailures) {
    }

    public Simulation simulation(Map<String, ? extends Tensor> inputs) {
        PlainBackend plain = new PlainBackend(program.fractionalBits());
        Map<String, FloatTensor> y = outputs(new Interpreter(program, plain).run(inputs));
        return new Simulation(y, plain.expectedLocalTruncationFailures());
    }

    /** An interpreter for this party; call {@link Interpreter#setup} (shares the weights) before the first run. */
    Interpreter interpreter(Party party) {
        return new Interpreter(program, new MpcBackend(party));
    }

    /** Runs one batch at this party on the inputs it owns (none: empty). */
    RunResult run(Interpreter interpreter, Map<String, ? extends Tensor> mine) {
        return interpreter.run(mine);
    }

    /** Runs the first {@code steps} steps at this party and forgets them (see {@link Interpreter#warmUp}). */
    void warmUp(Interpreter interpreter, Map<String, ? extends Tensor> mine, int steps) {
        interpreter.warmUp(mine, steps);
    }

    /** The outputs in {@code r} this party receives, by name in the model's order; empty if it receives none. */
    Map<String, FloatTensor> outputs(RunResult r) {
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        for (String name : outputNames) {
            FloatTensor y = r.outputs().get(name);
            if (y != null) {
                out.put(name, y);
            }
        }
        return out;
    }
}
