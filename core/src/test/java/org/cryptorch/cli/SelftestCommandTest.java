package org.cryptorch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.cryptorch.launch.LaunchException;
import org.cryptorch.cli.selftest.SelftestConfig;
import org.cryptorch.cli.selftest.SelftestLauncher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs the selftest for real: three JVMs on loopback. */
class SelftestCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Timeout(90)
    void everyProtocolLineIsOkOverTls() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int status;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            status = Main.run("selftest", "--local", "--elements", "5000", "--matmul-size", "48", "--conv-channels",
                "4", "--timeout", "60");
        } finally {
            System.setOut(old);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        List<JsonNode> lines = new ArrayList<>();
        for (String l : printed.strip().split("\n")) {
            lines.add(JSON.readTree(l));
        }
        assertThat(lines).as(printed).allSatisfy(l -> {
            assertThat(l.path("ok").asBoolean()).as(l.toString()).isTrue();
            assertThat(l.path("rounds").asLong()).isEqualTo(l.path("predicted_rounds").asLong());
            assertThat(l.path("max_abs_error").asDouble()).isLessThanOrEqualTo(l.path("error_bound").asDouble());
        });
        assertThat(lines.stream().map(l -> l.path("name").asText()).toList()).containsExactly("dealer", "input",
            "reveal", "mul", "square", "matmul", "matmul_weight", "conv2d", "trunc_local", "trunc_dealer", "ltz", "ltz", "relu",
            "select", "max");
        assertThat(lines.stream().filter(l -> l.path("name").asText().equals("ltz")).map(l -> l.path("bits").asInt()))
            .containsExactly(64, 24);
        assertThat(status).as(printed).isZero();
    }

    @Test
    @Timeout(60)
    void aChildThatDiesMidRunFailsTheRunFastNamingIt() throws Exception {
        SelftestConfig big = new SelftestConfig(1 << 21, 512, 64, 1, Duration.ofSeconds(50), null, List.of());
        CountDownLatch firstLine = new CountDownLatch(1);
        PrintStream out = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                if (b == '\n') {
                    firstLine.countDown();
                }
            }
        });
        CompletableFuture<Boolean> run = CompletableFuture.supplyAsync(() -> {
            try {
                return new SelftestLauncher(big, false).run(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        ProcessHandle party1 = awaitChild("party1");
        assertThat(firstLine.await(40, TimeUnit.SECONDS)).as("first result line").isTrue();
        long killedAt = System.nanoTime();
        party1.destroyForcibly();
        assertThatThrownBy(() -> run.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(LaunchException.class)
            .cause().hasMessageStartingWith("party1 died (exit status 137) while waiting for result 2 of");
        assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(10));
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList())
            .as("no child left running").isEmpty();
    }

    @Test
    void selftestNeedsLocal() {
        assertThat(Main.run("selftest", "--elements", "10")).isNotZero();
    }

    private static ProcessHandle awaitChild(String role) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < until) {
            Optional<ProcessHandle> child = ProcessHandle.current().descendants()
                .filter(h -> h.info().arguments().map(a -> List.of(a).contains(role)).orElse(false)).findFirst();
            if (child.isPresent()) {
                return child.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + role + " process started");
    }
}
