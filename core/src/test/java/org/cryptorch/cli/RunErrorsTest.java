package org.cryptorch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.cryptorch.api.ClusterConfig;
import org.cryptorch.api.CrypTorch;
import org.cryptorch.api.DemoFiles;
import org.cryptorch.api.Links;
import org.cryptorch.onnx.TensorFiles;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every mistake fails with one line naming it, a non-zero status, no output file, and no hang. */
class RunErrorsTest {
    @TempDir
    Path dir;

    @BeforeEach
    void demoFiles() {
        DemoFiles.write(dir, 2);
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    /** Runs {@code run} with the given arguments replacing or adding to the working defaults. */
    private CliRun run(String... args) {
        List<String> a = new ArrayList<>(List.of("run", file("model.onnx"), "--inputs", file("x.npy"), "--output",
            file("y.npy"), "--quiet"));
        a.addAll(Arrays.asList(args));
        return CliRun.of(a.toArray(String[]::new));
    }

    private void assertFailsWith(CliRun r, String... fragments) throws IOException {
        assertThat(r.status()).as(r.err()).isNotZero();
        assertThat(r.err().strip()).startsWith("cryptorch: ").doesNotContain("\n").contains(fragments);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("y.npy");
        }
    }

    @ParameterizedTest
    @CsvSource({"model.onnx, model file", "x.npy, input file"})
    void missingFileIsNamed(String name, String what) throws IOException {
        Files.delete(dir.resolve(name));
        assertFailsWith(run(), what, name, "does not exist");
    }

    @Test
    void malformedModel() throws IOException {
        Files.write(dir.resolve("model.onnx"), new byte[] {8, 7, 0x12, 0x7f, 1, 2, 3});
        assertFailsWith(run(), "model.onnx: ");
    }

    @Test
    void malformedInputs() throws IOException {
        Files.writeString(dir.resolve("x.npy"), "not numpy");
        assertFailsWith(run(), "x.npy");
    }

    @Test
    void inputOfTheWrongShapeNamesTheInputAndBothShapes() throws IOException {
        TensorFiles.write(dir.resolve("x.npy"), FloatTensor.zeros(Shape.of(2, 28, 28)));
        assertFailsWith(run(), "input 'input'", "[N, 784]", "[2, 28, 28]");
    }

    @Test
    void integerSamplesForARealInput() throws IOException {
        TensorFiles.write(dir.resolve("x.npy"), LongTensor.zeros(Shape.of(2, 784)));
        assertFailsWith(run(), "input 'input'", "takes real values", "INT64");
    }

    @Test
    void badCalibrationFileFailsBeforeAnyProcessStarts() throws IOException {
        assertFailsWith(run("--calib", file("none.npy")), "calibration file", "none.npy", "does not exist");
        TensorFiles.write(dir.resolve("c.npy"), FloatTensor.zeros(Shape.of(4, 28, 28)));
        assertFailsWith(run("--calib", file("c.npy")), "calibration file c.npy", "[N, 784]", "[1, 28, 28]");
        TensorFiles.write(dir.resolve("c.npy"), LongTensor.zeros(Shape.of(4, 784)));
        assertFailsWith(run("--calib", file("c.npy")), "calibration file c.npy", "takes real values", "INT64");
        Files.writeString(dir.resolve("c.npy"), "not numpy");
        assertFailsWith(run("--calib", file("c.npy")), "c.npy");
        assertFailsWith(CliRun.of("simulate", file("model.onnx"), "--inputs", file("x.npy"), "--output",
            file("y.npy"), "--calib", file("none.npy")), "calibration file", "does not exist");
    }

    @Test
    void missingOutputDirectory() throws IOException {
        assertFailsWith(CliRun.of("run", file("model.onnx"), "--inputs", file("x.npy"), "--output",
            file("nowhere/y.npy")), "output directory", "does not exist");
    }

    @Test
    void badPlanFailsBeforeAnyProcessStarts() throws IOException {
        Files.writeString(dir.resolve("plan.json"), "{\"sites\": []}");
        assertFailsWith(run("--plan", file("plan.json")), "needs an approximation");
    }

    @Test
    void unknownProfileAndConflictingOptions() throws IOException {
        assertFailsWith(run("--profile", "fastest"), "no profile named 'fastest'", "default", "crypten");
        assertFailsWith(run("--profile", "crypten", "--plan", file("x.npy")), "--plan and --profile");
        assertFailsWith(run("--weights-owner", "0"), "--weights-owner 0 is also the input owner");
        assertFailsWith(run("--batch", "-1"), "--batch must be positive");
    }

    @Test
    void simulateChecksLikeRun() throws IOException {
        TensorFiles.write(dir.resolve("x.npy"), FloatTensor.zeros(Shape.of(2, 10)));
        assertFailsWith(CliRun.of("simulate", file("model.onnx"), "--inputs", file("x.npy"), "--output",
            file("y.npy")), "input 'input'", "[2, 10]");
    }

    @Test
    void malformedClusterFile() throws IOException {
        Files.writeString(dir.resolve("cluster.yaml"), "dealer: {host: 127.0.0.1}\ntls: false\n");
        assertFailsWith(CliRun.of("dealer", "--config", file("cluster.yaml")), "cluster.yaml", "'dealer' needs a "
            + "host and a port");
        Files.writeString(dir.resolve("cluster.yaml"), "dealer: [unclosed\n");
        assertFailsWith(CliRun.of("dealer", "--config", file("cluster.yaml")), "cluster.yaml: not a valid cluster "
            + "file at 'dealer'");
        assertFailsWith(CliRun.of("dealer", "--config", file("none.yaml")), "cluster file", "does not exist");
    }

    @Test
    @Timeout(30)
    void portInUse() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            Files.writeString(dir.resolve("cluster.yaml"), "tls: false\ndealer: {host: 127.0.0.1, port: "
                + taken.getLocalPort() + "}\nparty1: {host: 127.0.0.1, port: 1}\nparty0: {host: 127.0.0.1}\n");
            assertFailsWith(CliRun.of("dealer", "--config", file("cluster.yaml")), "port " + taken.getLocalPort(),
                "already in use");
        }
    }

    @Test
    @Timeout(30)
    void aPeerThatIsNotThereFailsWithinTheTimeout() throws IOException {
        int port = freePort();
        Files.writeString(dir.resolve("cluster.yaml"), "tls: false\ntimeout_seconds: 2\ndealer: {host: 127.0.0.1, "
            + "port: " + port + "}\nparty1: {host: 127.0.0.1, port: " + port + "}\nparty0: {host: 127.0.0.1}\n");
        long start = System.nanoTime();
        assertFailsWith(CliRun.of("party", file("model.onnx"), "--config", file("cluster.yaml"), "--id", "0",
            "--inputs", file("x.npy"), "--output", file("y.npy"), "--quiet"), "dealer", String.valueOf(port));
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(15);
    }

    @Test
    @Timeout(30)
    void aPeerThatDiesFailsTheOtherPartyAtOnceInOneLine() throws Exception {
        int dealerPort = freePort();
        int party1Port = freePort();
        Path yaml = Files.writeString(dir.resolve("cluster.yaml"), "tls: false\ntimeout_seconds: 20\n"
            + "dealer: {host: 127.0.0.1, port: " + dealerPort + "}\nparty1: {host: 127.0.0.1, port: " + party1Port
            + "}\nparty0: {host: 127.0.0.1}\n");
        ClusterConfig cluster = ClusterConfig.load(yaml);
        Thread dealer = new Thread(() -> {
            try {
                CrypTorch.runDealer(cluster);
            } catch (RuntimeException e) {
                // Party 1 vanishes, so the dealer fails too; this test is about party 0.
            }
        });
        dealer.start();
        Thread party1 = new Thread(() -> {
            // Party 1 connects to both peers, then its process dies.
            try (Links links = Links.party(1, cluster.net(Links.PARTY1), party1Port, cluster.rendezvous())) {
                links.peer().stats();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        party1.start();
        long start = System.nanoTime();
        assertFailsWith(CliRun.of("party", file("model.onnx"), "--config", yaml.toString(), "--id", "0",
            "--inputs", file("x.npy"), "--output", file("y.npy"), "--quiet"), "party1");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(15);
        party1.join();
        dealer.join(10_000);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
