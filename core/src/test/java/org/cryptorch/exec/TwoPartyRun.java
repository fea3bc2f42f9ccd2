package org.cryptorch.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cryptorch.compile.Program;
import org.cryptorch.mpc.TwoParties;
import org.cryptorch.tensor.Tensor;

/** Runs a program between two parties in two threads (in-memory channel, local dealer; see {@link TwoParties}). */
final class TwoPartyRun {
    /** Each party's result, party 0's setup traffic, and what the dealer sent both. */
    record Outcome(RunResult party0, RunResult party1, Backend.Traffic setup0, long offlineBytes) {
    }

    private record PartyResult(Backend.Traffic setup, RunResult run) {
    }

    private TwoPartyRun() {
    }

    static Outcome run(Program program, Map<String, ? extends Tensor> inputs0, Map<String, ? extends Tensor> inputs1,
                       long seed) {
        if (program.fractionalBits() != TwoParties.FRACTIONAL_BITS) {
            throw new IllegalArgumentException("the two-party harness uses " + TwoParties.FRACTIONAL_BITS + " bits");
        }
        TwoParties.Run<PartyResult> r = TwoParties.run(seed, p -> {
            Interpreter it = new Interpreter(program, new MpcBackend(p));
            Backend.Traffic setup = it.setup();
            return new PartyResult(setup, it.run(p.id() == 0 ? inputs0 : inputs1));
        });
        return new Outcome(r.result0().run(), r.result1().run(), r.result0().setup(), r.offlineBytes());
    }

    /** Shares the weights once, then runs one batch per entry of {@code inputs} (party 0's); results per batch. */
    static List<RunResult[]> runBatches(Program program, List<? extends Map<String, ? extends Tensor>> inputs,
                                        long seed) {
        TwoParties.Run<List<RunResult>> r = TwoParties.run(seed, p -> {
            Interpreter it = new Interpreter(program, new MpcBackend(p));
            it.setup();
            List<RunResult> out = new ArrayList<>();
            for (Map<String, ? extends Tensor> in : inputs) {
                out.add(it.run(p.id() == 0 ? in : Map.of()));
            }
            return out;
        });
        List<RunResult[]> perBatch = new ArrayList<>();
        for (int k = 0; k < inputs.size(); k++) {
            perBatch.add(new RunResult[] {r.result0().get(k), r.result1().get(k)});
        }
        return perBatch;
    }
}
