package org.cryptorch.exec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cryptorch.compile.Instruction;
import org.cryptorch.compile.Program;
import org.cryptorch.compile.Step;
import org.cryptorch.reference.Ops;
import org.cryptorch.tensor.FixedPoint;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Tensor;

/**
 * Runs a {@link Program} on a {@link Backend}: local instructions here (they treat a share like a plain value),
 * communicating steps through the backend, each fused step in one call. Call {@link #setup} once, then
 * {@link #run} per batch of inputs of the compiled shapes.
 */
public final class Interpreter {
    /** The program; after {@link #setup} without its weight values, which the slots then hold as shares. */
    private Program program;
    private final Backend backend;
    private final LongTensor[] slots;
    /** Per step, the slots it reads for the last time (released after it, so only live values stay in memory). */
    private final List<List<Integer>> lastReads;
    private boolean setUp;

    public Interpreter(Program program, Backend backend) {
        if (backend.fractionalBits() != program.fractionalBits()) {
            throw new IllegalArgumentException("program uses " + program.fractionalBits()
                + " fractional bits, backend " + backend.fractionalBits());
        }
        this.program = program;
        this.backend = backend;
        this.slots = new LongTensor[program.slotCount()];
        this.lastReads = lastReads(program);
    }

    private static List<List<Integer>> lastReads(Program program) {
        int[] last = new int[program.slotCount()];
        java.util.Arrays.fill(last, -1);
        List<Step> steps = program.steps();
        for (int k = 0; k < steps.size(); k++) {
            for (Instruction i : steps.get(k).members()) {
                for (int s : i.ins()) {
                    last[s] = k;
                }
            }
        }
        program.setup().forEach(w -> last[w.out()] = -1);
        List<List<Integer>> out = new ArrayList<>();
        steps.forEach(s -> out.add(new ArrayList<>()));
        for (int s = 0; s < last.length; s++) {
            if (last[s] >= 0) {
                out.get(last[s]).add(s);
            }
        }
        return out;
    }

    /** Shares the secret weights (their owner supplies them), once; returns the measured setup traffic. */
    public Backend.Traffic setup() {
        if (setUp) {
            throw new IllegalStateException("the weights are already shared (setup runs once per interpreter)");
        }
        Backend.Traffic before = backend.traffic();
        List<Instruction.Weight> weights = program.setup();
        for (int k = 0; k < weights.size(); k++) {
            Instruction.Weight w = weights.get(k);
            LongTensor mine = backend.actsFor(w.owner()) ? FixedPoint.encode(ownValue(w), w.scale()) : null;
            // Mask id k: the same weight gets the same mask in every program of the session (same model, same
            // setup order), so re-sharing it for another batch shape opens the same W - B again, nothing new.
            slots[w.out()] = backend.weight(w.owner(), mine, program.shape(w.out()), k);
        }
        // Nothing reads the values again: let a large model's float weights go once they are shared.
        program = program.withoutWeightValues();
        setUp = true;
        return backend.traffic().minus(before);
    }

    private static FloatTensor ownValue(Instruction.Weight w) {
        if (w.value() == null) {
            throw new IllegalStateException("weight '" + w.name() + "' has no value in this program, but this party "
                + "owns it (party " + w.owner() + ")");
        }
        return w.value();
    }

    /**
     * Runs the online phase. {@code inputs} holds (by graph input name) the inputs this party owns; the result has
     * the outputs it receives, decoded to reals, and the measured statistics of every communicating step.
     */
    public RunResult run(Map<String, ? extends Tensor> inputs) {
        if (!setUp) {
            setup();
        }
        long start = System.nanoTime();
        Backend.Traffic atStart = backend.traffic();
        Map<String, FloatTensor> outputs = new LinkedHashMap<>();
        List<OpStat> stats = new ArrayList<>();
        execute(inputs, program.steps().size(), outputs, stats);
        long offline = backend.traffic().minus(atStart).offlineNanos();
        return new RunResult(outputs, stats, (System.nanoTime() - start - offline) / 1e9, offline / 1e9);
    }

    /**
     * Runs the first {@code steps} steps of the program (see {@link WarmupPrefix}) and forgets what they computed:
     * a rehearsal on the real backend, so that the JIT compiles the code an online phase runs, profiled with the
     * classes it really runs with, before one is timed. The prefix must reveal nothing: it may not hold an output.
     */
    public void warmUp(Map<String, ? extends Tensor> inputs, int steps) {
        if (!setUp) {
            setup();
        }
        if (program.steps().subList(0, steps).stream().anyMatch(WarmupPrefix::reveals)) {
            throw new IllegalArgumentException("a warm-up prefix of " + steps + " steps would reveal an output");
        }
        execute(inputs, steps, new LinkedHashMap<>(), new ArrayList<>());
        Set<Integer> weights = new HashSet<>();
        program.setup().forEach(w -> weights.add(w.out()));
        for (int s = 0; s < slots.length; s++) {
            if (!weights.contains(s)) {
                slots[s] = null;
            }
        }
    }

    private void execute(Map<String, ? extends Tensor> inputs, int limit, Map<String, FloatTensor> outputs,
                         List<OpStat> stats) {
        InputEncoder encoder = new InputEncoder(backend);
        List<Step> steps = program.steps();
        for (int k = 0; k < limit; k++) {
            Step step = steps.get(k);
            if (step.communicates()) {
                Backend.Traffic before = backend.traffic();
                long t0 = System.nanoTime();
                run(step, inputs, encoder, outputs);
                Backend.Traffic used = backend.traffic().minus(before);
                stats.add(new OpStat(step.op(), step.sites(), used.rounds(), used.bytesSent(),
                    (System.nanoTime() - t0 - used.offlineNanos()) / 1e9));
            } else {
                run(step, inputs, encoder, outputs);
            }
            for (Instruction i : step.members()) {
                Integer owner = program.maskedInputs().get(i.out());
                if (owner != null) {
                    backend.keepInputMask(slots[i.out()], owner);
                }
            }
            lastReads.get(k).forEach(s -> slots[s] = null);
        }
    }

    /** Runs one step: a local instruction here, anything else through the backend, a fused step in one call. */
    private void run(Step step, Map<String, ? extends Tensor> inputs, InputEncoder encoder,
                     Map<String, FloatTensor> outputs) {
        List<Instruction> ms = step.members();
        switch (ms.get(0)) {
            case Instruction.Input in -> store(ms, backend.input(in.owner(), backend.actsFor(in.owner())
                ? ms.stream().map(m -> encoder.encode((Instruction.Input) m, inputs)).toList() : null,
                ms.stream().map(m -> ((Instruction.Input) m).shape()).toList()));
            case Instruction.Output o -> backend.reveal(operands(ms, 0), o.receiver()).ifPresent(values -> {
                for (int k = 0; k < ms.size(); k++) {
                    Instruction.Output out = (Instruction.Output) ms.get(k);
                    outputs.put(out.name(), FixedPoint.decode(values.get(k), out.scale()));
                }
            });
            case Instruction.Call c -> store(ms, backend.run(step.protocol(), ms.stream()
                .map(m -> m.ins().stream().map(s -> slots[s]).toList()).toList()));
            case Instruction.Local l -> slots[l.out()] = local(l);
            case Instruction.Weight w -> throw new IllegalStateException("weight '" + w.name() + "' in an online "
                + "step: weights are shared once, at setup");
        }
    }

    private List<LongTensor> operands(List<Instruction> members, int which) {
        return members.stream().map(m -> slots[m.ins().get(which)]).toList();
    }

    private void store(List<Instruction> members, List<LongTensor> results) {
        for (int k = 0; k < members.size(); k++) {
            slots[members.get(k).out()] = results.get(k);
        }
    }

    private LongTensor local(Instruction.Local i) {
        return switch (i) {
            case Instruction.SharePublic s -> backend.sharePublic(s.value());
            case Instruction.Add a -> slots[a.a()].add(slots[a.b()]);
            case Instruction.Sub s -> slots[s.a()].sub(slots[s.b()]);
            case Instruction.Neg n -> slots[n.a()].neg();
            case Instruction.AddPublic a -> backend.addPublic(slots[a.a()], a.c());
            case Instruction.MulPublic m -> slots[m.a()].mul(m.c());
            case Instruction.MatMulPublic m -> m.publicLeft() ? m.c().matmul(slots[m.a()]) : slots[m.a()].matmul(m.c());
            case Instruction.ConvPublic c -> slots[c.x()].conv2d(c.w(), c.params().strides(), c.params().pads(),
                c.params().dilations(), c.params().groups());
            case Instruction.ReduceSum r -> slots[r.a()].sum(r.axes(), r.keepDims());
            case Instruction.Move m -> move(m);
            case Instruction.Reshape r -> r.reshape() ? slots[r.a()].reshape(r.shape())
                : slots[r.a()].broadcastTo(r.shape());
        };
    }

    /** Data movement by the reference kernel, which moves ring elements exactly as it moves floats. */
    private LongTensor move(Instruction.Move m) {
        List<Tensor> args = new ArrayList<>();
        for (int k = 0; k < m.slots().size(); k++) {
            int s = m.slots().get(k);
            args.add(s >= 0 ? slots[s] : m.constants().get(k));
        }
        return (LongTensor) Ops.evaluate(m.node(), args, m.opset()).get(0);
    }
}
