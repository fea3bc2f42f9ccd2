package org.cryptorch.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.cryptorch.compile.Instruction;
import org.cryptorch.compile.Program;
import org.cryptorch.compile.Step;
import org.cryptorch.mpc.Convolution;
import org.cryptorch.mpc.MatrixProduct;
import org.cryptorch.tensor.Shape;

/**
 * Reads a compiled {@link Program} as {@link CostedOp}s: each online instruction with its protocol cost (from the
 * program's cost functions), the ring elements it touches and its multiply-accumulates; and its steps as the
 * {@link Schedule}, since the instructions of one step are fused.
 */
public final class ProgramCostedOps {
    private ProgramCostedOps() {
    }

    /** Every online instruction, in execution order (the order {@link #schedule} indexes). */
    public static List<CostedOp> ops(Program p) {
        return ops(p, i -> true);
    }

    /** The online instructions of one approximation site (or any site name the lowering used). */
    public static List<CostedOp> ops(Program p, String site) {
        return ops(p, i -> i.site().equals(site));
    }

    /**
     * A fused step costs what one protocol call on all its members costs (at the widest member's comparison width,
     * say), not the sum of the members' own costs; so each member gets the step's rounds (they wait for them
     * together) and a share of the step's bytes in proportion to its own cost, the shares adding up to the step.
     */
    private static List<CostedOp> ops(Program p, Predicate<Instruction> which) {
        List<CostedOp> out = new ArrayList<>();
        for (Step s : p.steps()) {
            List<Instruction> ms = s.members();
            long[] bytes = shares(s.cost().bytesPerParty(), ms.stream().mapToLong(i -> p.cost(i).bytesPerParty())
                .toArray());
            long[] offline = shares(s.cost().offlineBytes(), ms.stream().mapToLong(i -> p.cost(i).offlineBytes())
                .toArray());
            for (int k = 0; k < ms.size(); k++) {
                Instruction i = ms.get(k);
                if (which.test(i)) {
                    out.add(CostedOp.of(i.site(), i.op(), s.cost().rounds(), bytes[k], offline[k], elements(p, i),
                        macs(p, i)));
                }
            }
        }
        return out;
    }

    /** {@code total} split in proportion to {@code weights} (evenly if all are 0); the parts add up to total. */
    static long[] shares(long total, long[] weights) {
        double sum = 0;
        for (long w : weights) {
            sum += w;
        }
        long[] out = new long[weights.length];
        double cumulative = 0;
        long given = 0;
        for (int k = 0; k < weights.length; k++) {
            cumulative += sum > 0 ? weights[k] : 1;
            long upToHere = Math.round(total * (cumulative / (sum > 0 ? sum : weights.length)));
            out[k] = upToHere - given;
            given = upToHere;
        }
        return out;
    }

    /**
     * One step of a program as a run measures it: its op and sites (the names of its per-op statistics), whether it
     * communicates (only those are timed one by one), its rounds, the bytes each party sends, and its members' work.
     */
    public record StepWork(String op, String sites, boolean communicates, long rounds, long bytesSentByParty0,
                           long bytesSentByParty1, long elements, long macs) {
        /** The larger party's bytes: what the step waits for. */
        public long bytesPerParty() {
            return Math.max(bytesSentByParty0, bytesSentByParty1);
        }
    }

    public static List<StepWork> steps(Program p) {
        List<StepWork> out = new ArrayList<>();
        for (Step s : p.steps()) {
            long elements = 0;
            long macs = 0;
            for (Instruction i : s.members()) {
                elements += elements(p, i);
                macs += macs(p, i);
            }
            out.add(new StepWork(s.op(), s.sites(), s.communicates(), s.cost().rounds(), s.cost().bytesSentByParty0(),
                s.cost().bytesSentByParty1(), elements, macs));
        }
        return out;
    }

    /** The program's steps as groups of instruction indices. */
    public static Schedule schedule(Program p) {
        List<int[]> groups = new ArrayList<>();
        int next = 0;
        for (Step s : p.steps()) {
            int[] g = new int[s.members().size()];
            for (int k = 0; k < g.length; k++) {
                g[k] = next++;
            }
            groups.add(g);
        }
        return Schedule.of(next, groups);
    }

    /** Elements read and written: what an element-wise kernel streams through memory. */
    private static long elements(Program p, Instruction i) {
        long n = i.out() >= 0 ? p.shape(i.out()).size() : 0;
        for (int in : i.ins()) {
            n += p.shape(in).size();
        }
        return n;
    }

    /** Multiply-accumulates of products whose work is not element-wise. */
    private static long macs(Program p, Instruction i) {
        return switch (i) {
            case Instruction.Call m when m.protocol() instanceof MatrixProduct ->
                p.shape(m.out()).size() * lastDim(p.shape(m.ins().get(0)));
            case Instruction.MatMulPublic m -> p.shape(m.out()).size()
                * (m.publicLeft() ? lastDim(m.c().shape()) : lastDim(p.shape(m.a())));
            case Instruction.Call c when c.protocol() instanceof Convolution ->
                p.shape(c.out()).size() * kernelVolume(p.shape(c.ins().get(1)));
            case Instruction.ConvPublic c -> p.shape(c.out()).size() * kernelVolume(c.w().shape());
            default -> 0;
        };
    }

    private static long lastDim(Shape s) {
        return s.dim(s.rank() - 1);
    }

    /** Input channels per group times the kernel's spatial size: the MACs of one output element. */
    private static long kernelVolume(Shape w) {
        return (long) w.size() / w.dim(0);
    }
}
