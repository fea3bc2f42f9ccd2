package org.cryptorch.mpc;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.cryptorch.net.Channel;
import org.cryptorch.net.InMemoryChannel;
import org.cryptorch.net.TrafficStats;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs one protocol body in two threads (party 0 and party 1) over an in-memory channel and a local dealer. */
public final class TwoParties {
    public static final int FRACTIONAL_BITS = 16;

    /** What both parties returned and what they spent. */
    public record Run<T>(T result0, T result1, TrafficStats.Counter traffic0, TrafficStats.Counter traffic1,
                  long offlineBytes) {
        T result(int party) {
            return party == 0 ? result0 : result1;
        }

        /** Asserts that the measured rounds, online bytes and offline bytes equal the prediction. */
        void assertCost(Cost predicted) {
            assertThat(traffic0.rounds).as("rounds of party 0").isEqualTo(predicted.rounds());
            assertThat(traffic1.rounds).as("rounds of party 1").isEqualTo(predicted.rounds());
            assertThat(traffic0.bytesSent).as("bytes sent by party 0").isEqualTo(predicted.bytesSentByParty0());
            assertThat(traffic1.bytesSent).as("bytes sent by party 1").isEqualTo(predicted.bytesSentByParty1());
            assertThat(offlineBytes).as("offline bytes").isEqualTo(predicted.offlineBytes());
        }
    }

    private TwoParties() {
    }

    public static <T> Run<T> run(long seed, Function<Party, T> body) {
        return run(seed, UnaryOperator.identity(), body);
    }

    /**
     * @param wrap decorates each party's channel (for example to record what it receives)
     */
    static <T> Run<T> run(long seed, UnaryOperator<Channel> wrap, Function<Party, T> body) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Correlations[] corr = LocalDealer.pair(seedBytes(rnd), seedBytes(rnd));
        InMemoryChannel[] ch = InMemoryChannel.pair("party0", "party1");
        Party p0 = new Party(0, wrap.apply(ch[0]), corr[0], FRACTIONAL_BITS);
        Party p1 = new Party(1, wrap.apply(ch[1]), corr[1], FRACTIONAL_BITS);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<T> f0 = pool.submit(() -> runParty(p0, body));
            Future<T> f1 = pool.submit(() -> runParty(p1, body));
            T r0 = f0.get();
            T r1 = f1.get();
            return new Run<>(r0, r1, ch[0].stats().total(), ch[1].stats().total(),
                corr[0].offlineBytesReceived() + corr[1].offlineBytesReceived());
        } catch (ExecutionException e) {
            throw new AssertionError("a party failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A failing party closes its channel so that the other fails at once instead of waiting for the timeout. */
    private static <T> T runParty(Party p, Function<Party, T> body) {
        try {
            return body.apply(p);
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
