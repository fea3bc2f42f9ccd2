package org.cryptorch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.cryptorch.net.Connector;
import org.cryptorch.net.KeyGenerator;
import org.cryptorch.net.Listener;
import org.cryptorch.net.NetConfig;
import org.cryptorch.net.TcpChannel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Round trips over loopback TCP: one end sends a frame of {@code longs} ring elements, the other echoes it back.
 * Time per operation is the RTT (longs = 1); throughput is 2 * 8 * longs bytes per operation (both directions),
 * the metric of the transport research notes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TransportBench {
    @Param({"false", "true"})
    boolean tls;

    @Param({"1", "131072", "2097152"})
    int longs;

    private Path keys;
    private TcpChannel near;
    private TcpChannel far;
    private long[] data;
    private Thread echo;

    @Setup(Level.Trial)
    public void connect() throws Exception {
        keys = Files.createTempDirectory("transport-bench");
        KeyGenerator.generate(keys, List.of("party0", "party1"), null, false);
        try (Listener listener = Listener.open(config("party1"), "127.0.0.1", 0, List.of("party0"))) {
            CompletableFuture<TcpChannel> accepted = CompletableFuture.supplyAsync(() -> listener.accept("party0"));
            near = Connector.connect(config("party0"), "party1", "127.0.0.1", listener.port());
            far = accepted.get();
        }
        data = new SplittableRandom(1).longs(longs).toArray();
        echo = Thread.ofPlatform().daemon().start(() -> {
            try {
                while (true) {
                    far.send(far.receive(longs));
                }
            } catch (RuntimeException closed) {
                // the trial ended and the channel was closed
            }
        });
    }

    private NetConfig config(String self) {
        return tls ? NetConfig.tls(self, keys) : NetConfig.plaintext(self);
    }

    @Benchmark
    public long[] exchange() {
        near.send(data);
        return near.receive(longs);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        near.close();
        far.close();
        echo.join(5000);
        try (var files = Files.list(keys)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(keys);
    }
}
