package org.cryptorch.exec;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cryptorch.compile.Instruction;
import org.cryptorch.compile.Program;
import org.cryptorch.compile.Step;

/**
 * How many leading steps of a program a warm-up runs ({@link Interpreter#warmUp}): the shortest prefix that holds a
 * step of every kind the program has (a communicating step's kind is its op; a local step's is
 * its instruction), stopping before the first output, which a warm-up must not reveal. A transformer's first layer
 * holds every kind its later layers use, so the prefix costs about one layer.
 *
 * <p>Why it is needed: a party process compiles its hot code while it warms up on in-process channels and rehearses
 * the program against a silent peer. The JIT inlines the channel and correlation classes it saw there; when the online
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
        Set<String> wanted = new HashSet<>();
        for (Step s : steps.subList(0, end)) {
            wanted.add(kind(s));
        }
        Set<String> seen = new HashSet<>();
        int k = 0;
        while (seen.size() < wanted.size()) {
            seen.add(kind(steps.get(k++)));
        }
        return k;
    }

    /** Whether running {@code step} opens a value to a party (an output). */
    static boolean reveals(Step step) {
        return step.members().get(0) instanceof Instruction.Output;
    }

    /**
     * A step's kind: a communicating step's op, a local step's instruction. Not the comparison width: every width runs
     * the same code, and calibrated widths differ from layer to layer, which would stretch the prefix over the model.
     */
    static String kind(Step s) {
        return s.communicates() ? s.op()
            : s.members().get(0).getClass().getSimpleName();
    }
}
