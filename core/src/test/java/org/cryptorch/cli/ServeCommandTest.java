package org.cryptorch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cryptorch.api.DemoFiles;
import org.cryptorch.launch.JvmCommand;
import org.cryptorch.onnx.TensorFiles;
import org.cryptorch.tensor.FloatTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dealer --serve}, {@code serve} and {@code query} as separate processes (three hosts on loopback, TLS), the
 * server with one session at a time and one client waiting: a client holding the public export streams samples as
 * queries and gets the simulation's outputs; a client beyond the queue is refused as busy (exit status 1 naming the
 * server); a client killed (SIGKILL) mid-session costs the server one log line and the waiting client is admitted
 * within 5 s; a client with another model is refused on both sides in one line naming both fingerprints; a dealer
 * killed and restarted fails the session it served (one line at server and client) and serves the next; SIGTERM
 * stops server and dealer with status 0.
 */
class ServeCommandTest {
    @TempDir
    Path dir;
    private final List<Process> processes = new ArrayList<>();

    @Test
    @Timeout(300)
    void aServerOutlivesItsClientsAndItsDealerAndStopsOnSigterm() throws Exception {
        DemoFiles.write(dir, 40);
        assertThat(Main.run("keygen", "--out", dir.resolve("keys").toString())).isZero();
        int serverPort = freePort();
        int dealerPort = freePort();
        Files.writeString(dir.resolve("cluster.yaml"), "certificates: keys\ntimeout_seconds: 120\n"
            + "dealer: {host: 127.0.0.1, port: " + dealerPort + "}\n"
            + "party1: {host: 127.0.0.1, port: " + serverPort + "}\n"
            + "party0: {host: 127.0.0.1}\n");
        assertThat(Main.run("export-public", file("model.onnx"), "-o", file("public.onnx"))).isZero();
        assertThat(Main.run("simulate", file("model.onnx"), "--inputs", file("x.npy"), "--output", file("sim.npy"),
            "--batch", "1", "--quiet")).isZero();
        // 2000 samples, one per query: a client that stays in its session as long as the test needs, however slow
        FloatTensor x = (FloatTensor) TensorFiles.read(dir.resolve("x.npy"));
        TensorFiles.write(dir.resolve("long.npy"), FloatTensor.concat(0, Collections.nCopies(50, x)));
        try {
            Process dealer = start("dealer", "dealer", "--serve", "--config", file("cluster.yaml"));
            Process server = start("server", "serve", file("model.onnx"), "--config", file("cluster.yaml"),
                "--stats-file", file("server.jsonl"), "--max-concurrent", "1", "--queue", "1");

            Process first = query("client1", "x.npy", "y.npy", "--stats-file", file("client1.jsonl"));
            assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).as(Files.readString(dir.resolve("client1.err"))).isZero();
            assertClose("y.npy", "sim.npy");
            assertThat(Files.readAllLines(dir.resolve("client1.jsonl"))).hasSize(40);

            Process killed = query("client2", "long.npy", "y2.npy", "--stats-file",
                file("client2.jsonl"));
            awaitFile("client2.jsonl", killed);
            Process waiting = query("client3", "x.npy", "y3.npy", "--per-query", "8");
            awaitContent("client3.err", "waiting for party1 at 127.0.0.1:" + serverPort
                + ": 1 session(s) ahead in its queue", waiting);
            // One session running and one client waiting: the next is refused at once.
            CliRun busy = CliRun.of("query", file("public.onnx"), "--config", file("cluster.yaml"), "--inputs",
                file("x.npy"), "--output", file("busy.npy"));
            assertThat(busy.status()).isEqualTo(1);
            assertThat(busy.err()).isEqualTo("cryptorch: party1 at 127.0.0.1:" + serverPort + " is busy: 2 "
                + "session(s) running or waiting (--max-concurrent 1, --queue 1); try again later\n");
            assertThat(dir.resolve("busy.npy")).doesNotExist();

            killed.destroyForcibly();
            long killedAt = System.nanoTime();
            awaitContent("server.out", "session party0#2 failed", killedAt);
            awaitContent("server.out", "session party0#3 from 127.0.0.1:", killedAt);
            assertThat(dir.resolve("y2.npy")).doesNotExist();
            assertThat(waiting.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(waiting.exitValue()).as(Files.readString(dir.resolve("client3.err"))).isZero();
            assertClose("y3.npy", "sim.npy");

            // A client with another model (same shapes, Tanh for ReLU) is refused on both sides in one line.
            Files.write(dir.resolve("tanh.onnx"), DemoFiles.reluToTanh(Files.readAllBytes(dir.resolve("model.onnx"))));
            assertThat(Main.run("export-public", file("tanh.onnx"), "-o", file("tanh-public.onnx"))).isZero();
            CliRun other = CliRun.of("query", file("tanh-public.onnx"), "--config", file("cluster.yaml"), "--inputs",
                file("x.npy"), "--output", file("other.npy"));
            assertThat(other.status()).isEqualTo(1);
            assertThat(other.err()).startsWith("cryptorch: the parties would run different programs (fingerprint ")
                .contains(" at party0, ").contains(" at party1): model is structure ").hasLineCount(1);
            awaitContent("server.out", "session party0#4 failed: the parties would run different programs",
                System.nanoTime());
            assertThat(dir.resolve("other.npy")).doesNotExist();

            // The dealer dies mid-session: that session fails in one line on each side; a restarted dealer serves on.
            Process lost = query("client5", "long.npy", "y5.npy", "--stats-file",
                file("client5.jsonl"));
            awaitFile("client5.jsonl", lost);
            dealer.destroyForcibly();
            assertThat(lost.waitFor(30, TimeUnit.SECONDS)).as("the client does not hang").isTrue();
            assertThat(lost.exitValue()).isEqualTo(1);
            assertThat(Files.readAllLines(dir.resolve("client5.err"))).filteredOn(l -> !l.startsWith("WARNING: "))
                .singleElement().asString().startsWith("cryptorch: party0: connection to party1 closed");
            awaitContent("server.out", "session party0#5 failed: ", System.nanoTime());
            assertThat(lastLine("server.out")).contains("dealer");
            Process restarted = start("dealer2", "dealer", "--serve", "--config", file("cluster.yaml"));
            CliRun after = CliRun.of("query", file("public.onnx"), "--config", file("cluster.yaml"), "--inputs",
                file("x.npy"), "--output", file("y6.npy"), "--per-query", "20");
            assertThat(after.status()).as(after.err()).isZero();
            assertClose("y6.npy", "sim.npy");

            server.destroy(); // SIGTERM
            restarted.destroy();
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(restarted.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(server.exitValue()).as(Files.readString(dir.resolve("server.err"))).isZero();
            assertThat(restarted.exitValue()).as(Files.readString(dir.resolve("dealer2.err"))).isZero();
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
        List<String> log = Files.readAllLines(dir.resolve("server.out"));
        assertThat(log).filteredOn(l -> l.startsWith("session ") && l.contains(" failed: ")).hasSize(3);
        assertThat(log).filteredOn(l -> l.startsWith("refused a client from 127.0.0.1:")).hasSize(1);
        assertThat(log).filteredOn(l -> l.startsWith("query ") && l.contains("party0#1")).hasSize(40);
        assertThat(log).filteredOn(l -> l.startsWith("query ") && l.contains("party0#3")).hasSize(5);
        assertThat(log).filteredOn(l -> l.startsWith("query ") && l.contains("party0#6")).hasSize(2);
        // The killed client's dealer session ends with its server side (its unused correlations are dropped with it).
        assertThat(Files.readAllLines(dir.resolve("dealer.out"))).filteredOn(l -> l.startsWith("dealer session "))
            .hasSize(4);
    }

    /** A client process querying the public model with {@code inputs}. */
    private Process query(String name, String inputs, String output, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("query", file("public.onnx"), "--config", file("cluster.yaml"),
            "--inputs", file(inputs), "--output", file(output)));
        args.addAll(List.of(more));
        return start(name, args.toArray(String[]::new));
    }

    /** Waits until {@code process} has written {@code name}, failing if it exits first. */
    private void awaitFile(String name, Process process) throws InterruptedException {
        while (!Files.exists(dir.resolve(name))) {
            assertThat(process.isAlive()).as("%s is running", name).isTrue();
            Thread.sleep(20);
        }
    }

    private void awaitContent(String name, String text, Process process) throws Exception {
        while (!Files.readString(dir.resolve(name)).contains(text)) {
            assertThat(process.isAlive()).as("the process writing %s is running", name).isTrue();
            Thread.sleep(20);
        }
    }

    /** Waits for {@code text} in {@code name}, at most 5 s after {@code since} (System.nanoTime). */
    private void awaitContent(String name, String text, long since) throws Exception {
        while (!Files.readString(dir.resolve(name)).contains(text)) {
            assertThat(System.nanoTime() - since).as("'%s' in %s within 5 s", text, name)
                .isLessThan(TimeUnit.SECONDS.toNanos(5));
            Thread.sleep(20);
        }
    }

    private String lastLine(String name) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve(name));
        return lines.get(lines.size() - 1);
    }

    private void assertClose(String a, String b) {
        FloatTensor x = (FloatTensor) TensorFiles.read(dir.resolve(a));
        FloatTensor y = (FloatTensor) TensorFiles.read(dir.resolve(b));
        assertThat(x.shape()).isEqualTo(y.shape());
        for (int i = 0; i < x.size(); i++) {
            assertThat(x.data()[i]).as("%s vs %s at %d", a, b, i).isCloseTo(y.data()[i], offset(1e-2));
        }
    }

    private Process start(String name, String... args) throws IOException {
        Process p = new ProcessBuilder(JvmCommand.forMain(Main.class, List.of(args)))
            .redirectError(dir.resolve(name + ".err").toFile())
            .redirectOutput(dir.resolve(name + ".out").toFile()).start();
        processes.add(p);
        return p;
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
