package org.cryptorch.exec;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cryptorch.compile.Program;
import org.cryptorch.mpc.Correlations;
import org.cryptorch.mpc.LocalDealer;
import org.cryptorch.mpc.Party;
import org.cryptorch.net.InMemoryChannel;
import org.cryptorch.tensor.Tensor;

/** Runs a program between two parties in two threads (in-memory channel, local dealer). */
final class TwoPartyRun {
    /** Each party's result, and what the dealer sent both. */
    record Outcome(RunResult party0, RunResult party1, Backend.Traffic setup0, long offlineBytes) {
    }

    private TwoPartyRun() {
    }

    static Outcome run(Program program, Map<String, ? extends Tensor> inputs0, Map<String, ? extends Tensor> inputs1,
                       long seed) throws Exception {
        SplittableRandom rnd = new SplittableRandom(seed);
        Correlations[] corr = LocalDealer.pair(seedBytes(rnd), seedBytes(rnd));
        InMemoryChannel[] ch = InMemoryChannel.pair("party0", "party1");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Object[]> f0 = pool.submit(() -> party(program, new Party(0, ch[0], corr[0],
                program.fractionalBits()), inputs0));
            Future<Object[]> f1 = pool.submit(() -> party(program, new Party(1, ch[1], corr[1],
                program.fractionalBits()), inputs1));
            Object[] r0 = f0.get();
            Object[] r1 = f1.get();
            return new Outcome((RunResult) r0[1], (RunResult) r1[1], (Backend.Traffic) r0[0],
                corr[0].offlineBytesReceived() + corr[1].offlineBytesReceived());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Object[] party(Program program, Party p, Map<String, ? extends Tensor> inputs) {
        try {
            Interpreter it = new Interpreter(program, new MpcBackend(p));
            Backend.Traffic setup = it.setup();
            return new Object[] {setup, it.run(inputs)};
        } catch (RuntimeException | Error e) {
            p.peer().close();
            throw e;
        }
    }

    private static byte[] seedBytes(SplittableRandom rnd) {
        byte[] s = new byte[16];
        rnd.nextBytes(s);
        return s;
    }
}
