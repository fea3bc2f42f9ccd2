package org.cryptorch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * {@code dealer --serve}, {@code serve} and {@code query} as separate processes (three hosts on loopback, TLS): a
 * client holding the public export streams samples as queries and gets the simulation's outputs; a client killed
 * (SIGKILL) mid-session costs the server one log line and it serves the next client; a client beyond the server's
 * one session and empty queue is refused as busy, exit status 1 naming the server; SIGTERM stops server and dealer
 * with status 0.
 */
class ServeCommandTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(240)
    void aServerOutlivesItsClientsAndStopsOnSigterm() throws Exception {
        DemoFiles.write(dir, 40);
        assertThat(Main.run("keygen", "--out", dir.resolve("keys").toString())).isZero();
        int serverPort = freePort();
        Files.writeString(dir.resolve("cluster.yaml"), "certificates: keys\ntimeout_seconds: 60\n"
            + "dealer: {host: 127.0.0.1, port: " + freePort() + "}\n"
            + "party1: {host: 127.0.0.1, port: " + serverPort + "}\n"
            + "party0: {host: 127.0.0.1}\n");
        assertThat(Main.run("export-public", file("model.onnx"), "-o", file("public.onnx"))).isZero();
        assertThat(Main.run("simulate", file("model.onnx"), "--inputs", file("x.npy"), "--output", file("sim.npy"),
            "--batch", "1", "--quiet")).isZero();
        List<Process> processes = new ArrayList<>();
        try {
            Process dealer = start("dealer", "dealer", "--serve", "--config", file("cluster.yaml"));
            Process server = start("server", "serve", file("model.onnx"), "--config", file("cluster.yaml"),
                "--stats-file", file("server.jsonl"), "--max-concurrent", "1", "--queue", "0");
            processes.addAll(List.of(dealer, server));

            Process first = start("client1", "query", file("public.onnx"), "--config", file("cluster.yaml"),
                "--inputs", file("x.npy"), "--output", file("y.npy"), "--stats-file", file("client1.jsonl"));
            processes.add(first);
            assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).as(Files.readString(dir.resolve("client1.err"))).isZero();
            assertClose("y.npy", "sim.npy");
            assertThat(Files.readAllLines(dir.resolve("client1.jsonl"))).hasSize(40);

            Process killed = start("client2", "query", file("public.onnx"), "--config", file("cluster.yaml"),
                "--inputs", file("x.npy"), "--output", file("y2.npy"), "--stats-file", file("client2.jsonl"));
            processes.add(killed);
            while (!Files.exists(dir.resolve("client2.jsonl"))) {
                assertThat(killed.isAlive()).isTrue();
                Thread.sleep(20);
            }
            // While client2's session runs, the server (one session, no queue) refuses another client at once.
            CliRun busy = CliRun.of("query", file("public.onnx"), "--config", file("cluster.yaml"), "--inputs",
                file("x.npy"), "--output", file("busy.npy"));
            assertThat(busy.status()).isEqualTo(1);
            assertThat(busy.err()).isEqualTo("cryptorch: party1 at 127.0.0.1:" + serverPort + " is busy: 1 session(s) "
                + "running or waiting (--max-concurrent 1, --queue 0); try again later\n");
            assertThat(dir.resolve("busy.npy")).doesNotExist();
            assertThat(killed.isAlive()).as("client2 was still in its session").isTrue();
            killed.destroyForcibly();
            long killedAt = System.nanoTime();
            while (!Files.readString(dir.resolve("server.out")).contains("session party0#2 failed")) {
                assertThat(System.nanoTime() - killedAt).as("the server notices the lost client")
                    .isLessThan(TimeUnit.SECONDS.toNanos(5));
                Thread.sleep(20);
            }
            assertThat(dir.resolve("y2.npy")).doesNotExist();

            Process third = start("client3", "query", file("public.onnx"), "--config", file("cluster.yaml"),
                "--inputs", file("x.npy"), "--output", file("y3.npy"), "--per-query", "8");
            processes.add(third);
            assertThat(third.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(third.exitValue()).as(Files.readString(dir.resolve("client3.err"))).isZero();
            assertClose("y3.npy", "sim.npy");

            server.destroy(); // SIGTERM
            dealer.destroy();
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(dealer.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(server.exitValue()).as(Files.readString(dir.resolve("server.err"))).isZero();
            assertThat(dealer.exitValue()).as(Files.readString(dir.resolve("dealer.err"))).isZero();
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
        List<String> log = Files.readAllLines(dir.resolve("server.out"));
        assertThat(log).filteredOn(l -> l.startsWith("session ")).hasSize(1);
        assertThat(log).filteredOn(l -> l.startsWith("refused a client from 127.0.0.1:")).hasSize(1);
        assertThat(log).filteredOn(l -> l.startsWith("query ") && l.contains("party0#1")).hasSize(40);
        assertThat(log).filteredOn(l -> l.startsWith("query ") && l.contains("party0#3")).hasSize(5);
        // The killed client's dealer session ends with its server side (its unused correlations are dropped with it).
        assertThat(Files.readAllLines(dir.resolve("dealer.out"))).filteredOn(l -> l.startsWith("dealer session "))
            .hasSize(3);
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
        return new ProcessBuilder(JvmCommand.forMain(Main.class, List.of(args)))
            .redirectError(dir.resolve(name + ".err").toFile())
            .redirectOutput(dir.resolve(name + ".out").toFile()).start();
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
