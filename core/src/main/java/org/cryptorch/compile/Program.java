package org.cryptorch.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cryptorch.mpc.Cost;
import org.cryptorch.mpc.Recipe;
import org.cryptorch.tensor.Shape;

/**
 * A model lowered to fixed point for two parties: setup instructions (secret weights, shared once), then online
 * steps in execution order (grouped into communication layers, same-kind communicating instructions of a layer
 * fused), over numbered slots each with a static shape and a scale (fractional bits: f for reals, 0 for integers
 * and 0/1 comparison results). Both parties run the same Program; a backend supplies the protocols. Immutable.
 */
public final class Program {
    private final int fractionalBits;
    private final List<Instruction.Weight> setup;
    private final List<Step> steps;
    private final Shape[] shapes;
    private final int[] scales;
    private final Map<Integer, Integer> maskedInputs;
    private final ProtocolCalls calls;
    private final Map<String, Integer> comparisonWidths;

    /** {@code steps} scheduled from {@code code}, whose protocol calls {@code calls} costed for {@code maskedInputs}. */
    Program(Code code, List<Step> steps, Map<Integer, Integer> maskedInputs, ProtocolCalls calls) {
        this(code.fractionalBits(), code.setup(), steps, code.shapes(), code.scales(), code.comparisonWidths(),
            maskedInputs, calls);
    }

    private Program(int fractionalBits, List<Instruction.Weight> setup, List<Step> steps, Shape[] shapes,
                    int[] scales, Map<String, Integer> comparisonWidths, Map<Integer, Integer> maskedInputs,
                    ProtocolCalls calls) {
        this.fractionalBits = fractionalBits;
        this.setup = List.copyOf(setup);
        this.steps = List.copyOf(steps);
        this.shapes = shapes.clone();
        this.scales = scales.clone();
        this.maskedInputs = Map.copyOf(maskedInputs);
        this.calls = calls;
        this.comparisonWidths = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(comparisonWidths));
    }

    /**
     * The width chosen for every comparison, by node name in the approximated graph (stable for one graph and
     * plan). Passing them to {@link CompileOptions#withComparisonWidths} lets the other party compile the identical
     * program without the calibration data.
     */
    public Map<String, Integer> comparisonWidths() {
        return comparisonWidths;
    }

    public int fractionalBits() {
        return fractionalBits;
    }

    /** Secret weights, shared by their owner before the first input (once per compiled model). */
    public List<Instruction.Weight> setup() {
        return setup;
    }

    /**
     * This program without the values of its secret weights, for a party that does not own them: it shares them by
     * shape alone, and a large model's weights (680 MB of doubles for BERT-base) need not stay in its memory.
     */
    public Program withoutWeightValues() {
        return new Program(fractionalBits, setup.stream().map(Instruction.Weight::withoutValue).toList(), steps,
            shapes, scales, comparisonWidths, maskedInputs, calls);
    }

    /**
     * Owner of the input held in each slot that products may treat as shared under its input mask (see
     * {@link MaskedInputs}); the interpreter tells the backend, the costs assume it.
     */
    public Map<Integer, Integer> maskedInputs() {
        return maskedInputs;
    }

    /** The online steps in execution order. */
    public List<Step> steps() {
        return steps;
    }

    /** Every online instruction in execution order. */
    public List<Instruction> instructions() {
        List<Instruction> out = new ArrayList<>();
        steps.forEach(s -> out.addAll(s.members()));
        return out;
    }

    public List<Instruction.Input> inputs() {
        return instructions().stream().filter(i -> i instanceof Instruction.Input).map(i -> (Instruction.Input) i)
            .toList();
    }

    public List<Instruction.Output> outputs() {
        return instructions().stream().filter(i -> i instanceof Instruction.Output)
            .map(i -> (Instruction.Output) i).toList();
    }

    public int slotCount() {
        return shapes.length;
    }

    public Shape shape(int slot) {
        return shapes[slot];
    }

    /** Fractional bits of the value in {@code slot}. */
    public int scale(int slot) {
        return scales[slot];
    }

    /** Predicted online cost: the sum over steps, each fused step counted once. */
    public Cost cost() {
        Cost total = Cost.FREE;
        for (Step s : steps) {
            total = total.plus(s.cost());
        }
        return total;
    }

    /** Predicted cost of sharing the secret weights. */
    public Cost setupCost() {
        Cost total = Cost.FREE;
        for (Instruction.Weight w : setup) {
            total = total.plus(calls.of(w));
        }
        return total;
    }

    /** Predicted cost of one instruction run on its own (without the savings of fusion). */
    public Cost cost(Instruction i) {
        return calls.of(i);
    }

    /**
     * The correlations the dealer provides for sharing the weights ({@code Interpreter#setup}), in the order they
     * are taken. Like {@link #recipes} a function of shapes alone: the protocols are data-oblivious.
     */
    public List<Recipe> setupRecipes() {
        List<Recipe> out = new ArrayList<>();
        setup.forEach(w -> out.addAll(calls.recipes(List.of(w))));
        return out;
    }

    /**
     * The correlations steps {@code from} (inclusive) to {@code to} (exclusive) take, in the order a run takes them
     * (a party announces them to the dealer ahead of the run); all steps: one run's.
     */
    public List<Recipe> recipes(int from, int to) {
        return calls.recipes(steps, from, to);
    }

    /**
     * Predicted online cost per site, in order of first appearance: the sum of its instructions' own costs. Rounds
     * are therefore an upper bound where fusion lets sites share rounds; bytes are exact up to the bit-packing of
     * fused comparisons.
     */
    public Map<String, Cost> costBySite() {
        Map<String, Cost> out = new LinkedHashMap<>();
        for (Instruction i : instructions()) {
            out.merge(i.site(), calls.of(i), Cost::plus);
        }
        return out;
    }

    /**
     * One line per communicating step ({@code layer op xN sites: rounds, bytes}) and the totals: what a person
     * reading a compiled model wants to see (local steps are left out, they cost no communication).
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (Step s : steps) {
            if (s.communicates()) {
                sb.append(String.format("L%-4d %-12s x%-3d %s: %d rounds, %d bytes/party, %d offline bytes%n",
                    s.layer(), s.op(), s.members().size(), s.sites(), s.cost().rounds(), s.cost().bytesPerParty(),
                    s.cost().offlineBytes()));
            }
        }
        return sb.append(totals()).toString();
    }

    private String totals() {
        Cost c = cost();
        return String.format("total: %d rounds, %d bytes/party, %d offline bytes, %d steps (%d layers); setup %d "
            + "bytes%n", c.rounds(), c.bytesPerParty(), c.offlineBytes(), steps.size(), layers(),
            setupCost().bytesPerParty());
    }

    /**
     * Every instruction, one per line with the slots it writes and reads: the setup, then each step under its
     * layer, a communicating step headed by its fused kind and predicted cost; then the totals.
     */
    public String listing() {
        StringBuilder sb = new StringBuilder();
        setup.forEach(w -> sb.append("setup ").append(Code.line(w, shapes, scales)).append('\n'));
        for (Step s : steps) {
            if (s.communicates()) {
                sb.append(String.format("L%-4d %s x%d: %d rounds, %d bytes/party, %d offline bytes%n", s.layer(),
                    s.op(), s.members().size(), s.cost().rounds(), s.cost().bytesPerParty(), s.cost().offlineBytes()));
            }
            String indent = s.communicates() ? "        " : String.format("L%-4d ", s.layer());
            s.members().forEach(i -> sb.append(indent).append(Code.line(i, shapes, scales)).append('\n'));
        }
        return sb.append(totals()).toString();
    }

    /** Number of communication layers (the depth of the schedule). */
    public int layers() {
        return steps.isEmpty() ? 0 : steps.get(steps.size() - 1).layer() + 1;
    }
}
