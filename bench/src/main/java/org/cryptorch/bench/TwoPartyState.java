package org.cryptorch.bench;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.cryptorch.mpc.Correlations;
import org.cryptorch.mpc.LocalDealer;
import org.cryptorch.mpc.Party;
import org.cryptorch.mpc.Recipe;
import org.cryptorch.net.InMemoryChannel;
import org.cryptorch.tensor.LongTensor;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Benchmark state of two parties in one process (in-memory channel, local dealer) with random shares of x and y;
 * party 1 runs on its own thread.
 */
abstract class TwoPartyState {
    final ExecutorService partyOne = Executors.newSingleThreadExecutor();
    Party[] parties;
    LongTensor[] x;
    LongTensor[] y;

    void start(int... dims) {
        Correlations[] corr = LocalDealer.pair();
        InMemoryChannel[] ch = InMemoryChannel.pair("party0", "party1");
        parties = new Party[] {new Party(0, ch[0], corr[0], 16), new Party(1, ch[1], corr[1], 16)};
        x = new LongTensor[] {BenchData.randomRing(1, dims), BenchData.randomRing(2, dims)};
        y = new LongTensor[] {BenchData.randomRing(3, dims), BenchData.randomRing(4, dims)};
    }

    /** Announces {@code recipes} to both parties, so the invocation that follows runs its online phase only. */
    void prefetch(List<Recipe> recipes) {
        for (Party p : parties) {
            p.correlations().prefetch(recipes);
        }
    }

    LongTensor run(Function<Party, LongTensor> protocol) throws InterruptedException, ExecutionException {
        Future<LongTensor> other = partyOne.submit(() -> protocol.apply(parties[1]));
        LongTensor mine = protocol.apply(parties[0]);
        other.get();
        return mine;
    }

    @TearDown(Level.Trial)
    public void stop() {
        partyOne.shutdownNow();
    }
}
