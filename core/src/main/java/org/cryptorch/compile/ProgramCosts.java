package org.cryptorch.compile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cryptorch.mpc.ArithmeticCosts;
import org.cryptorch.mpc.ComparisonCosts;
import org.cryptorch.mpc.Cost;
import org.cryptorch.tensor.Shape;

/**
 * Predicted cost of instructions and fused steps from the protocols' own cost functions ({@link ArithmeticCosts},
 * {@link ComparisonCosts}), so that prediction and measurement cannot drift apart. A fused step costs what one call
 * of the protocol on the concatenated operands costs.
 */
final class ProgramCosts {
    private final Shape[] shapes;
    /**
     * Owners of the secret weights and of the slots holding the masked input ({@link MaskedInputs}), by slot: their
     * masks are fixed for the products that use them, so products do not open them.
     */
    private final Map<Integer, Integer> maskOwners;

    ProgramCosts(Shape[] shapes, List<Instruction.Weight> setup, Map<Integer, Integer> maskedInputs) {
        this.shapes = shapes;
        Map<Integer, Integer> owners = new HashMap<>(maskedInputs);
        setup.forEach(w -> owners.put(w.out(), w.owner()));
        this.maskOwners = Map.copyOf(owners);
    }

    /** The instruction run on its own. */
    Cost of(Instruction i) {
        return ofGroup(List.of(i));
    }

    /** The members run as one fused step (all of the same {@link Program#fusionKey}). */
    Cost ofGroup(List<Instruction> members) {
        Instruction first = members.get(0);
        long n = 0;
        for (Instruction m : members) {
            n += m.out() >= 0 ? size(m.out()) : size(m.ins().get(0));
        }
        return switch (first) {
            case Instruction.Input in -> ArithmeticCosts.input(in.owner(), n);
            case Instruction.Weight w -> ArithmeticCosts.input(w.owner(), n);
            case Instruction.Mul m -> allSquares(members) ? ArithmeticCosts.square(n) : ArithmeticCosts.mul(n);
            case Instruction.MatMul m -> ArithmeticCosts.matmuls(operandShapes(members, 0), operandShapes(members, 1),
                maskOwners(members, 0), maskOwners(members, 1));
            case Instruction.Conv c -> single(members, ArithmeticCosts.conv2d(shapes[c.x()], shapes[c.w()],
                c.params().strides(), c.params().pads(), c.params().dilations(), c.params().groups(),
                maskOwner(c.x()), maskOwner(c.w())));
            case Instruction.Ltz l -> ComparisonCosts.ltz(n, Step.widest(members));
            case Instruction.LtzTimes l -> ComparisonCosts.ltzTimes(n, Step.widest(members));
            case Instruction.Truncate t -> ArithmeticCosts.truncate(n, t.mode());
            case Instruction.Output o -> ArithmeticCosts.revealTo(o.receiver(), n);
            default -> Cost.FREE;
        };
    }

    /** Whether a product step squares only (then it opens one operand instead of two). */
    static boolean allSquares(List<Instruction> members) {
        return members.stream().allMatch(m -> m instanceof Instruction.Mul p && p.a() == p.b());
    }

    private List<Shape> operandShapes(List<Instruction> members, int which) {
        return members.stream().map(m -> shapes[m.ins().get(which)]).toList();
    }

    private List<Integer> maskOwners(List<Instruction> members, int which) {
        return members.stream().map(m -> maskOwner(m.ins().get(which))).toList();
    }

    /** The owner of the weight or masked input in {@code slot}, or {@link ArithmeticCosts#FRESH} for any other. */
    private int maskOwner(int slot) {
        return maskOwners.getOrDefault(slot, ArithmeticCosts.FRESH);
    }

    private static Cost single(List<Instruction> members, Cost c) {
        if (members.size() != 1) {
            throw new IllegalStateException("convolutions are not fused: " + members);
        }
        return c;
    }

    private long size(int slot) {
        return shapes[slot].size();
    }
}
