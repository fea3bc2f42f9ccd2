package org.cryptorch.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cryptorch.mpc.ArithmeticCosts;
import org.cryptorch.mpc.ArithmeticRecipes;
import org.cryptorch.mpc.Call;
import org.cryptorch.mpc.Cost;
import org.cryptorch.mpc.FixedMask;
import org.cryptorch.mpc.OperandShape;
import org.cryptorch.mpc.Recipe;
import org.cryptorch.tensor.Shape;

/**
 * The protocol calls of a program's instructions and fused steps, seen from shapes alone: their predicted cost and
 * the correlations they take, both from the protocols themselves ({@link org.cryptorch.mpc.Protocol}), so that
 * prediction, dealer needs and the run cannot drift apart. A fused step is one call on its members' operands.
 */
final class ProtocolCalls {
    private final Shape[] shapes;
    /**
     * The fixed masks of the secret weights and of the slots holding the masked input ({@link MaskedInputs}), by
     * slot: products keep them instead of opening those operands. A weight's mask id is its place in the setup,
     * which is how the interpreter shares it.
     */
    private final Map<Integer, FixedMask.Key> fixedMasks;

    ProtocolCalls(Shape[] shapes, List<Instruction.Weight> setup, Map<Integer, Integer> maskedInputs) {
        this.shapes = shapes;
        Map<Integer, FixedMask.Key> masks = new HashMap<>();
        maskedInputs.forEach((slot, owner) -> masks.put(slot, new FixedMask.Key(owner, FixedMask.RUN_INPUT,
            shapes[slot].size())));
        for (int id = 0; id < setup.size(); id++) {
            Instruction.Weight w = setup.get(id);
            masks.put(w.out(), new FixedMask.Key(w.owner(), id, shapes[w.out()].size()));
        }
        this.fixedMasks = Map.copyOf(masks);
    }

    /** The instruction run on its own. */
    Cost of(Instruction i) {
        return ofGroup(List.of(i));
    }

    /** The members run as one fused step (all of the same {@link Scheduler#fusionKey}). */
    Cost ofGroup(List<Instruction> members) {
        return switch (members.get(0)) {
            case Instruction.Input in -> ArithmeticCosts.input(in.owner(), elements(members));
            case Instruction.Weight w -> ArithmeticCosts.input(w.owner(), elements(members));
            case Instruction.Output o -> ArithmeticCosts.revealTo(o.receiver(), elements(members));
            case Instruction.Call c -> Step.protocol(members).cost(call(members));
            case Instruction.Local l -> Cost.FREE;
        };
    }

    /**
     * The correlations the members take when run as one step, in order: what the interpreter's backend takes from
     * the dealer for it. Sharing a weight takes none (its mask comes from its owner's seed).
     */
    List<Recipe> recipes(List<Instruction> members) {
        return switch (members.get(0)) {
            case Instruction.Input in -> List.of(ArithmeticRecipes.inputMask(in.owner(), elements(members)));
            case Instruction.Weight w -> List.of();
            case Instruction.Output o -> List.of();
            case Instruction.Call c -> Step.protocol(members).recipes(call(members));
            case Instruction.Local l -> List.of();
        };
    }

    /** The correlations the steps take, in order. */
    List<Recipe> recipes(List<Step> steps, int from, int to) {
        List<Recipe> out = new ArrayList<>();
        for (Step s : steps.subList(from, to)) {
            out.addAll(recipes(s.members()));
        }
        return out;
    }

    /** The members' operands as the protocol sees them: shapes and fixed masks. */
    private Call<OperandShape> call(List<Instruction> members) {
        return new Call<>(members.stream().map(m -> m.ins().stream()
            .map(s -> new OperandShape(shapes[s], fixedMasks.get(s))).toList()).toList());
    }

    /** Elements the members write (read, for outputs), in total. */
    private int elements(List<Instruction> members) {
        int n = 0;
        for (Instruction m : members) {
            n = Math.addExact(n, shapes[m.out() >= 0 ? m.out() : m.ins().get(0)].size());
        }
        return n;
    }
}
