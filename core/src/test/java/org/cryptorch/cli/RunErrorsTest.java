package org.cryptorch.cli;

import static java.util.stream.Collectors.joining;
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
import org.cryptorch.api.Progress;
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
        String error = r.err().lines().filter(l -> !l.startsWith("cryptorch: warning: ")).collect(joining("\n"));
        assertThat(error.strip()).startsWith("cryptorch: ").doesNotContain("\n").contains(fragments);
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
            file("nowhere/y.npy")), "--output", "folder", "nowhere", "does not exist");
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
        assertFailsWith(run("--batch", "-3"), "--batch must be 0 (the default batch) or positive, got -3");
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
            assertFailsWith(CliRun.of("dealer", "--config", file("cluster.yaml")), "127.0.0.1:"
                + taken.getLocalPort(), "already in use");
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

    /** Issue 19 point 5: no output may overwrite a file the run reads, nor the other output. */
    @Test
    void anOutputOverAnotherFileIsRefusedAndThatFileKept() throws IOException {
        byte[] inputs = Files.readAllBytes(dir.resolve("x.npy"));
        assertFailsWith(CliRun.of("run", file("model.onnx"), "--inputs", file("x.npy"), "--output", file("x.npy"),
            "--quiet"), "--output", "is also --inputs", "would destroy");
        assertFailsWith(CliRun.of("simulate", file("model.onnx"), "--inputs", file("x.npy"), "--output",
            file("x.npy")), "--output", "is also --inputs");
        assertThat(Files.readAllBytes(dir.resolve("x.npy"))).isEqualTo(inputs);
        assertFailsWith(run("--stats", file("y.npy")), "--stats", "is also --output");
        assertFailsWith(CliRun.of("run", file("model.onnx"), "--inputs", file("x.npy"), "--output",
            file("model.onnx"), "--quiet"), "--output", "is also the model");
    }

    /** A query client checks its output as a run does, before it connects: its input file is never overwritten. */
    @Test
    @Timeout(30)
    void aQueryOutputOverItsInputIsRefusedBeforeConnecting() throws IOException {
        byte[] inputs = Files.readAllBytes(dir.resolve("x.npy"));
        Files.writeString(dir.resolve("cluster.yaml"), "tls: false\ntimeout_seconds: 60\ndealer: {host: 127.0.0.1, "
            + "port: " + freePort() + "}\nparty1: {host: 127.0.0.1, port: " + freePort() + "}\n"
            + "party0: {host: 127.0.0.1}\n");
        assertFailsWith(CliRun.of("query", file("model.onnx"), "--config", file("cluster.yaml"), "--inputs",
            file("x.npy"), "--output", file("x.npy")), "--output", "is also --inputs", "would destroy");
        assertThat(Files.readAllBytes(dir.resolve("x.npy"))).isEqualTo(inputs);
        assertFailsWith(CliRun.of("query", file("model.onnx"), "--config", file("cluster.yaml"), "--inputs",
            file("x.npy"), "--output", file("nowhere/y.npy")), "--output", "nowhere", "does not exist");
    }

    /** Issue 19 point 6: the files a run writes are checked before anything starts, at every party too. */
    @Test
    @Timeout(30)
    void outputPathsAreCheckedBeforeAnythingStarts() throws IOException {
        long start = System.nanoTime();
        assertFailsWith(run("--stats", file("nowhere/s.json")), "--stats", "nowhere", "does not exist");
        int port = freePort();
        Files.writeString(dir.resolve("cluster.yaml"), "tls: false\ntimeout_seconds: 60\ndealer: {host: 127.0.0.1, "
            + "port: " + port + "}\nparty1: {host: 127.0.0.1, port: " + port + "}\nparty0: {host: 127.0.0.1}\n");
        // Party 1 receives the output: it refuses at once instead of waiting 60 s for peers that never come.
        assertFailsWith(CliRun.of("party", file("model.onnx"), "--config", file("cluster.yaml"), "--id", "1",
            "--output-owner", "1", "--output", file("nowhere/y.npy"), "--quiet"), "--output", "does not exist");
        assertFailsWith(CliRun.of("party", file("model.onnx"), "--config", file("cluster.yaml"), "--id", "0",
            "--output-owner", "1", "--inputs", file("x.npy"), "--stats", file("x.npy"), "--quiet"), "--stats",
            "is also --inputs");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(20);
    }

    /** Issue 19 point 8: timeouts are bounded where they are given. */
    @Test
    void timeoutsAreBounded() throws IOException {
        assertFailsWith(run("--timeout", "99999999"), "--timeout must be in [1, 86400] seconds, got 99999999");
        assertFailsWith(run("--timeout", "0"), "--timeout must be in [1, 86400] seconds, got 0");
        Files.writeString(dir.resolve("cluster.yaml"), "tls: false\ntimeout_seconds: 99999999\n"
            + "dealer: {host: 127.0.0.1, port: 7100}\nparty1: {host: 127.0.0.1, port: 7101}\n"
            + "party0: {host: 127.0.0.1}\n");
        assertFailsWith(CliRun.of("dealer", "--config", file("cluster.yaml")),
            "cluster.yaml: timeout_seconds must be in [1, 86400] seconds, got 99999999");
    }

    /** Issue 19 point 9: inputs that are not finite or exceed the fixed-point range fail at once, naming the sample. */
    @ParameterizedTest
    @CsvSource({"NaN, NaN", "Infinity, Infinity", "3e38, 3.0000000054977558E38", "-40000, -40000.0"})
    void inputsOutsideTheRingAreRefusedNamingTheSample(double bad, String shown) throws IOException {
        FloatTensor x = (FloatTensor) TensorFiles.read(dir.resolve("x.npy"));
        x.data()[784 + 5] = bad;
        TensorFiles.write(dir.resolve("x.npy"), x);
        String[] expected = {"x.npy: sample 1, element 5 is " + shown, "within +-32768"};
        assertFailsWith(run(), expected);
        assertFailsWith(CliRun.of("simulate", file("model.onnx"), "--inputs", file("x.npy"), "--output",
            file("y.npy")), expected);
        assertFailsWith(run("--calib", file("x.npy")), expected);
    }

    /**
     * Issue 19 point 3: inputs within the ring that drive an approximation out of its documented range (every pixel
     * 100: four identical samples gave four different softmax rows) fail instead of giving a wrong answer.
     */
    @Test
    void inputsBeyondTheApproximationsRangesAreRefused() throws IOException {
        TensorFiles.write(dir.resolve("x.npy"), FloatTensor.full(Shape.of(4, 784), 100));
        String[] expected = {"x.npy: samples 0-3: site '", "outside the range", "the result would be wrong"};
        assertFailsWith(run(), expected);
        assertFailsWith(CliRun.of("simulate", file("model.onnx"), "--inputs", file("x.npy"), "--output",
            file("y.npy")), expected);
    }

    /**
     * Issue 19 point 3: comparisons sized on calibration samples can wrap on inputs far beyond them; such inputs are
     * refused (before any process starts) naming the file, sample and element.
     */
    @Test
    void inputsBeyondTheCalibratedRangeAreRefused() throws IOException {
        Files.copy(dir.resolve("x.npy"), dir.resolve("calib.npy"));
        FloatTensor x = (FloatTensor) TensorFiles.read(dir.resolve("x.npy"));
        double calibrated = Arrays.stream(x.data()).map(Math::abs).max().orElseThrow();
        x.data()[x.size() - 1] = -2.5 * calibrated;
        TensorFiles.write(dir.resolve("x.npy"), x);
        String[] expected = {"x.npy: samples ", "element 783 is -", "beyond +-",
            "calibration samples that sized the comparison widths"};
        assertFailsWith(run("--calib", file("calib.npy")), expected);
        assertFailsWith(CliRun.of("simulate", file("model.onnx"), "--inputs", file("x.npy"), "--output",
            file("y.npy"), "--calib", file("calib.npy")), expected);
    }

    /** Issue 19 point 4: a weight beyond the fixed-point range is refused (it wrapped in the ring before). */
    @Test
    void aWeightBeyondTheRingIsRefused() throws IOException {
        Files.write(dir.resolve("model.onnx"), DemoFiles.withFirstValueOf("4.bias",
            Files.readAllBytes(dir.resolve("model.onnx")), 9.88e15f));
        assertFailsWith(run(), "model.onnx: weight '4.bias' element 0 is 9.8", "beyond +-32768");
        assertFailsWith(CliRun.of("simulate", file("model.onnx"), "--inputs", file("x.npy"), "--output",
            file("y.npy")), "weight '4.bias'");
    }

    /** Issue 19 point 9: a plan's comparison widths must hold a fixed-point value. */
    @Test
    void aPlanWithTooNarrowComparisonsIsRefused() throws IOException {
        Files.writeString(dir.resolve("plan.json"), "{\"sites\": [], \"comparison_widths\": {\"a#ltz\": 3}}");
        assertFailsWith(run("--plan", file("plan.json")), "plan.json", "'a#ltz' must be 8..64 bits, got 3");
    }

    /** Issue 19 point 7: plain TCP is refused off loopback. */
    @Test
    void plaintextOffLoopbackIsRefused() throws IOException {
        Files.writeString(dir.resolve("cluster.yaml"), "tls: false\ndealer: {host: 10.0.0.3, port: 7100}\n"
            + "party1: {host: 127.0.0.1, port: 7101}\nparty0: {host: 127.0.0.1}\n");
        assertFailsWith(CliRun.of("dealer", "--config", file("cluster.yaml")), "cluster.yaml: tls: false is "
            + "allowed on loopback only, but dealer is at 10.0.0.3");
    }

    /** Issue 19 point 11: files that are not what they claim, and folders without test cases. */
    @Test
    void filesOfTheWrongKindAreNamedPlainly() throws IOException {
        byte[] noise = new byte[256];
        new java.util.Random(7).nextBytes(noise);
        Files.write(dir.resolve("cluster.yaml"), noise);
        assertFailsWith(CliRun.of("dealer", "--config", file("cluster.yaml")), "cluster.yaml: not a cluster file "
            + "(not UTF-8 text)");
        Files.writeString(dir.resolve("model.onnx"), "this is a text file, not a model\n");
        assertFailsWith(run(), "model.onnx: not an ONNX model");
        Files.createDirectory(dir.resolve("empty"));
        assertFailsWith(CliRun.of("conformance", file("empty")), "empty: no test cases found");
    }

    /** Issue 19 point 11: an opset newer than any ONNX release is refused, not read with other semantics. */
    @Test
    void anUnknownOpsetIsRefused() throws IOException {
        Files.write(dir.resolve("model.onnx"), DemoFiles.withOpset(Files.readAllBytes(dir.resolve("model.onnx")), 99));
        assertFailsWith(run(), "model.onnx", "opset 99", "newer than any this reader knows");
    }

    /** Issue 19 point 11: off a terminal (as here) there is no progress bar: a log would fill with updates. */
    @Test
    void noProgressBarOffATerminal() {
        assertThat(new BatchAndProgressOptions().progress("run")).isSameAs(Progress.NONE);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
