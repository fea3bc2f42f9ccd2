package org.cryptorch.exec;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.cryptorch.compile.Instruction;
import org.cryptorch.compile.Program;
import org.cryptorch.compile.Step;

/**
 * How many leading steps of a program a warm-up runs ({@link Interpreter#warmUp}), stopping before the first output,
 * which a warm-up must not reveal: the shortest prefix that holds a step of every kind the program has (a
 * communicating step's kind is its op and comparison width, a local step's its instruction), but no longer than a
 * quarter of the steps unless the ops alone (widths aside) need more. Uncalibrated, a transformer's first layer holds
 * every kind, so the prefix is about one layer; calibrated widths differ from layer to layer, and the cap keeps the
 * prefix from stretching over the whole model. Widths run the same code, but measured, the one-layer prefix gave a
 * faster online phase than the shorter one that only covers every op (BERT-base 7.7 s against 8.5 s, digits_vit 0.66
 * against 1.04 s, medians of 3): what matters is how often the hot code has run when the online phase starts.
 *
 * <p>Why it is needed: a party process compiles its hot code while it warms up on in-process channels
 * ({@code mpc.ProtocolWarmup}). The JIT inlines the channel and correlation classes it saw there; when the online
 * phase then calls the same code with the real TLS channel and the dealer's correlations, the compiled code is
 * thrown away and compiled again, on the cores the online phase is using (BERT-mini: ~0.8 s of compile time per
 * party inside a 1.4 s online phase). Running a prefix over the real links first moves that to the setup.
 */
public final class WarmupPrefix {
    private WarmupPrefix() {
    }

    /** Number of leading steps of {@code program} a warm-up runs (0 for a program that starts with its output). */
    public static int of(Program program) {
        List<Step> steps = program.steps();
        int end = 0;
        while (end < steps.size() && !reveals(steps.get(end))) {
            end++;
        }
        List<Step> before = steps.subList(0, end);
        int everyKind = covering(before, WarmupPrefix::kind);
        int everyOp = covering(before, WarmupPrefix::op);
        return Math.min(everyKind, Math.max(everyOp, end / 4));
    }

    /** Length of the shortest prefix of {@code steps} that holds every value {@code key} takes on them. */
    private static int covering(List<Step> steps, Function<Step, String> key) {
        Set<String> wanted = new HashSet<>();
        steps.forEach(s -> wanted.add(key.apply(s)));
        Set<String> seen = new HashSet<>();
        int k = 0;
        while (seen.size() < wanted.size()) {
            seen.add(key.apply(steps.get(k++)));
        }
        return k;
    }

    /** Whether running {@code step} opens a value to a party (an output). */
    static boolean reveals(Step step) {
        return step.members().get(0) instanceof Instruction.Output;
    }

    /**
     * A step's kind: a communicating step's op and its protocol's variant (a comparison's width), a local step's
     * instruction.
     */
    static String kind(Step s) {
        return s.communicates() ? op(s) + "/" + (s.protocol() == null ? "" : s.protocol().variant()) : op(s);
    }

    /** A step's op: a communicating step's, a local step's instruction (a local protocol call's protocol). */
    static String op(Step s) {
        if (s.communicates()) {
            return s.op();
        }
        Instruction i = s.members().get(0);
        return (i instanceof Instruction.Call c ? c.protocol() : i).getClass().getSimpleName();
    }
}
