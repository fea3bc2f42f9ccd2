package org.cryptorch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cryptorch.net.KeyGenerator;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model server, a dealer service and clients holding the public export only, in one JVM over TLS on loopback:
 * queries of one session agree with the simulation and set nothing up again, and the server serves the next
 * session after one ends or fails.
 */
class ModelServerTest {
    @TempDir
    Path dir;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Consumer<String> log = line -> {
        System.err.println(line);
        lines.add(line);
    };
    private ClusterConfig cluster;
    private DealerService dealer;
    private ModelServer server;
    private Tensor x;
    private FloatTensor simulated;

    @BeforeEach
    void start() throws IOException {
        DemoFiles.write(dir, 6);
        KeyGenerator.generate(dir.resolve("keys"), List.of("party0", "party1", "dealer"), "localhost", false);
        Files.writeString(dir.resolve("cluster.yaml"), "certificates: keys\ntimeout_seconds: 60\n"
            + "dealer: {host: 127.0.0.1, port: " + freePort() + "}\n"
            + "party1: {host: 127.0.0.1, port: " + freePort() + "}\n"
            + "party0: {host: 127.0.0.1}\n");
        cluster = ClusterConfig.load(dir.resolve("cluster.yaml"));
        dealer = CrypTorch.serveDealer(cluster, log);
        CrypTorch.exportPublic(dir.resolve("model.onnx"), dir.resolve("public.onnx"));
        x = CrypTorch.readSamples(dir.resolve("x.npy"));
        simulated = CrypTorch.simulate(CrypTorch.load(dir.resolve("model.onnx")), x,
            PlanChoice.profile(PlanChoice.DEFAULT_PROFILE), 1);
    }

    private void serve(ModelServer.Limits limits) {
        server = CrypTorch.serve(cluster, RunOptions.of(dir.resolve("model.onnx"), NamedFiles.NONE,
            NamedFiles.NONE), limits,
            dir.resolve("q.jsonl"), log);
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        dealer.close();
    }

    @Test
    @Timeout(120)
    void manyQueriesOverOneSessionAgreeWithTheSimulationAndSetUpOnce() throws Exception {
        serve(ModelServer.Limits.DEFAULT);
        // Queries of 1, 1, 2 and 1 samples: the correlations fetched ahead for [1, 784] are used by the second query;
        // those fetched after it are dropped for the third (another shape), and the third's for the fourth.
        int[] sizes = {1, 1, 2, 1};
        try (ClientSession client = CrypTorch.connect(cluster, client())) {
            for (int i = 0, start = 0; i < sizes.length; start += sizes[i], i++) {
                FloatTensor y = client.infer(Samples.slice(x, start, start + sizes[i]));
                assertClose(y, simulated.slice(0, start, start + sizes[i], 1));
                RunStats s = client.lastStats();
                boolean newShape = i == 0 || i == 2;
                if (newShape) {
                    assertThat(s.setup().seconds()).isPositive();
                } else {
                    assertThat(s.setup().compileSeconds()).as("query %d compiles nothing", i).isZero();
                    assertThat(s.setup().rounds()).as("query %d shares and warms up nothing", i).isZero();
                }
                if (i == 1) {
                    assertThat(s.offlineBytes()).as("query %d's correlations came ahead of it", i).isZero();
                }
                assertThat(s.rounds()).isPositive();
            }
        }
        // The server takes the next client; a client that fails its session leaves the server serving.
        try (ClientSession client = CrypTorch.connect(cluster, client())) {
            assertClose(client.infer(Samples.slice(x, 4, 6)), simulated.slice(0, 4, 6, 1));
        }
        server.close(); // waits for the server to log the session's last query
        assertThat(lines).filteredOn(l -> l.startsWith("query ")).hasSize(5);
        assertThat(Files.readAllLines(dir.resolve("q.jsonl"))).hasSize(5);
        // The dealer's pool predicts a request only once it has seen what follows it: the third run of [1, 784] (the
        // correlations fetched ahead after the second query) follows a run of [1, 784] for the second time, so it
        // came from the pool.
        dealer.close();
        String first = lines.stream().filter(l -> l.startsWith("dealer session 1: ")).findFirst().orElseThrow();
        Matcher m = Pattern.compile("(\\d+) of (\\d+) requests from the pool").matcher(first);
        assertThat(m.find()).as(first).isTrue();
        assertThat(Integer.parseInt(m.group(1))).as(first).isGreaterThanOrEqualTo(1);
    }

    /**
     * With two sessions allowed, a second client is served while the first stays connected, and their queries
     * interleave: each gets its own outputs (the dealer pairs each session's two connections by its token; paired
     * by arrival, or served one session at a time, the second client would wait or get another's correlations).
     */
    @Test
    @Timeout(120)
    void twoClientsAreServedAtOnceEachWithItsOwnCorrelations() throws Exception {
        serve(new ModelServer.Limits(2, 0));
        try (ClientSession a = CrypTorch.connect(cluster, client())) {
            assertClose(a.infer(Samples.slice(x, 0, 1)), simulated.slice(0, 0, 1, 1));
            ExecutorService other = Executors.newSingleThreadExecutor();
            try (ClientSession b = CrypTorch.connect(cluster, client())) {
                Future<FloatTensor> fromB = other.submit(() -> b.infer(Samples.slice(x, 1, 3)));
                assertClose(a.infer(Samples.slice(x, 3, 4)), simulated.slice(0, 3, 4, 1));
                assertClose(fromB.get(), simulated.slice(0, 1, 3, 1));
                assertClose(b.infer(Samples.slice(x, 4, 5)), simulated.slice(0, 4, 5, 1));
            } finally {
                other.shutdown();
            }
            assertClose(a.infer(Samples.slice(x, 5, 6)), simulated.slice(0, 5, 6, 1));
        }
        server.close();
        assertThat(lines).filteredOn(l -> l.startsWith("query ") && l.contains("party0#1")).hasSize(3);
        assertThat(lines).filteredOn(l -> l.startsWith("query ") && l.contains("party0#2")).hasSize(2);
        assertThat(lines).noneMatch(l -> l.contains("failed"));
    }

    /** With one session at a time and a queue of one, a second client waits, told its place, until the first ends. */
    @Test
    @Timeout(120)
    void aSecondClientWaitsInTheQueueUntilTheFirstEnds() throws Exception {
        serve(new ModelServer.Limits(1, 1));
        List<String> notices = new CopyOnWriteArrayList<>();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<FloatTensor> second;
            try (ClientSession a = CrypTorch.connect(cluster, client())) {
                second = other.submit(() -> {
                    try (ClientSession b = CrypTorch.connect(cluster, client(), notices::add)) {
                        return b.infer(Samples.slice(x, 1, 2));
                    }
                });
                while (notices.isEmpty()) {
                    Thread.sleep(10);
                }
                assertThat(notices).containsExactly("waiting for party1 at 127.0.0.1:" + server.port()
                    + ": 1 session(s) ahead in its queue");
                assertClose(a.infer(Samples.slice(x, 0, 1)), simulated.slice(0, 0, 1, 1));
                assertThat(second.isDone()).as("the second client waits while the first is connected").isFalse();
            }
            assertClose(second.get(), simulated.slice(0, 1, 2, 1));
        } finally {
            other.shutdownNow();
        }
    }

    /**
     * With one session at a time and no queue, a second client is refused at once with a reason naming the server;
     * queries of the wrong shape or type fail without ending the session.
     */
    @Test
    @Timeout(120)
    void aClientBeyondTheQueueIsToldTheServerIsBusy() throws Exception {
        serve(new ModelServer.Limits(1, 0));
        try (ClientSession a = CrypTorch.connect(cluster, client())) {
            assertThatThrownBy(() -> CrypTorch.connect(cluster, client()))
                .isInstanceOf(SessionAdmission.ServerBusyException.class)
                .hasMessage("party1 at 127.0.0.1:" + server.port() + " is busy: 1 session(s) running or waiting "
                    + "(--max-concurrent 1, --queue 0); try again later");
            assertClose(a.infer(Samples.slice(x, 0, 1)), simulated.slice(0, 0, 1, 1));
            // A query of the wrong shape or type fails alone: the session serves the next query.
            assertThatThrownBy(() -> a.infer(FloatTensor.zeros(Shape.of(1, 100))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1, 100]");
            assertThatThrownBy(() -> a.infer(LongTensor.zeros(Shape.of(1, 784))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes real values");
            assertClose(a.infer(Samples.slice(x, 2, 3)), simulated.slice(0, 2, 3, 1));
        }
        // once the first session has ended, a client is served again
        try (ClientSession b = CrypTorch.connect(cluster, client())) {
            assertClose(b.infer(Samples.slice(x, 1, 2)), simulated.slice(0, 1, 2, 1));
        }
        assertThat(lines).filteredOn(l -> l.startsWith("refused a client from 127.0.0.1:")).hasSize(1);
        assertThat(lines).noneMatch(l -> l.contains(" failed"));
    }

    /**
     * Issue 19 point 3 in a deployment: the server sizes its comparisons on calibration samples, and a client input
     * far beyond them (which could wrap a comparison) is refused by the client itself, from the public plan, naming
     * the input, sample and element; the server then serves the next client.
     */
    @Test
    @Timeout(120)
    void aClientInputBeyondTheCalibratedRangeIsRefusedAndTheServerServesOn() throws Exception {
        Files.copy(dir.resolve("x.npy"), dir.resolve("calib.npy"));
        server = CrypTorch.serve(cluster, RunOptions.of(dir.resolve("model.onnx"), NamedFiles.NONE,
            NamedFiles.NONE)
            .withCalibration(NamedFiles.of(dir.resolve("calib.npy"))), ModelServer.Limits.DEFAULT, dir.resolve("q.jsonl"), log);
        double calibrated = java.util.Arrays.stream(((FloatTensor) x).data()).map(Math::abs).max().orElseThrow();
        FloatTensor far = (FloatTensor) Samples.slice(x, 0, 1);
        far.data()[5] = 2.5 * calibrated;
        try (ClientSession client = CrypTorch.connect(cluster, client())) {
            assertThatThrownBy(() -> client.infer(far)).hasMessageContaining("sample 0, element 5")
                .hasMessageContaining("calibration samples that sized the comparison widths");
        }
        try (ClientSession client = CrypTorch.connect(cluster, client())) {
            assertThat(client.infer(Samples.slice(x, 0, 1)).shape().dim(0)).isEqualTo(1);
        }
    }

    private RunOptions client() {
        return RunOptions.of(dir.resolve("public.onnx"), NamedFiles.NONE, NamedFiles.NONE);
    }

    private static void assertClose(FloatTensor y, FloatTensor expected) {
        assertThat(y.shape()).isEqualTo(expected.shape());
        for (int i = 0; i < y.size(); i++) {
            assertThat(y.data()[i]).as("output %d", i).isCloseTo(expected.data()[i], offset(1e-2));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
