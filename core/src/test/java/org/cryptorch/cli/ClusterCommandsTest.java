package org.cryptorch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.cryptorch.api.ClusterConfig;
import org.cryptorch.api.CrypTorch;
import org.cryptorch.api.DemoFiles;
import org.cryptorch.approx.Profile;
import org.cryptorch.compile.Plan;
import org.cryptorch.compile.PlanJson;
import org.cryptorch.ir.Graph;
import org.cryptorch.launch.JvmCommand;
import org.cryptorch.net.link.LinkEmulator;
import org.cryptorch.net.link.LinkSettings;
import org.cryptorch.onnx.OnnxReader;
import org.cryptorch.onnx.TensorFiles;
import org.cryptorch.reference.FloatInterpreter;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keygen}, then {@code dealer} and two {@code party} processes started separately with one cluster file, as
 * on three hosts (here on loopback): public weights, party 0's input, party 1 receives the output. Party 0 reaches
 * the others through emulated links ({@code cryptorch link}), which TLS and the protocols pass unchanged.
 */
class ClusterCommandsTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(90)
    void threeProcessesFromOneClusterFileWithParty0BehindEmulatedLinks() throws Exception {
        List<String> common = cluster();
        ClusterConfig direct = ClusterConfig.load(dir.resolve("cluster.yaml"));
        LinkSettings wanLike = LinkSettings.ofRttMillisAndMbits(4, 400);
        List<Process> processes = new ArrayList<>();
        try (LinkEmulator toDealer = LinkEmulator.start(0, "127.0.0.1", direct.dealer().port(), wanLike);
             LinkEmulator toParty1 = LinkEmulator.start(0, "127.0.0.1", direct.party1().port(), wanLike)) {
            Files.writeString(dir.resolve("cluster0.yaml"), clusterFile(toDealer.port(), toParty1.port()));
            List<String> party0 = new ArrayList<>(common);
            party0.set(party0.indexOf(dir.resolve("cluster.yaml").toString()),
                dir.resolve("cluster0.yaml").toString());
            processes.add(start("dealer", List.of("dealer", "--config", dir.resolve("cluster.yaml").toString())));
            processes.add(start("party1", concat(List.of("party"), common, List.of("--id", "1", "--output",
                dir.resolve("y.npy").toString()))));
            processes.add(start("party0", concat(List.of("party"), party0, List.of("--id", "0", "--inputs",
                dir.resolve("x.npy").toString(), "--stats", dir.resolve("s.json").toString()))));
            assertAllSucceed(processes);
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
        assertOutputIsTheModels();
    }

    /**
     * A silent connection held open to each listening port (the dealer's, then party 1's, each before the real
     * parties connect) delays no real party: the listeners admit connections concurrently.
     */
    @Test
    @Timeout(90)
    void idleConnectionsToEveryListeningPortDoNotStopARun() throws Exception {
        List<String> common = cluster();
        ClusterConfig ports = ClusterConfig.load(dir.resolve("cluster.yaml"));
        List<Process> processes = new ArrayList<>();
        List<Socket> idle = new ArrayList<>();
        try {
            processes.add(start("dealer", List.of("dealer", "--config", dir.resolve("cluster.yaml").toString())));
            idle.add(connectWhenListening(ports.dealer().port()));
            processes.add(start("party1", concat(List.of("party"), common, List.of("--id", "1", "--output",
                dir.resolve("y.npy").toString()))));
            idle.add(connectWhenListening(ports.party1().port()));
            processes.add(start("party0", concat(List.of("party"), common, List.of("--id", "0", "--inputs",
                dir.resolve("x.npy").toString(), "--stats", dir.resolve("s.json").toString()))));
            assertAllSucceed(processes);
        } finally {
            processes.forEach(Process::destroyForcibly);
            for (Socket s : idle) {
                s.close();
            }
        }
        assertOutputIsTheModels();
    }

    /** A connection to {@code port} on loopback that sends nothing, opened as soon as something listens there. */
    private static Socket connectWhenListening(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                return new Socket("127.0.0.1", port);
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    private void assertAllSucceed(List<Process> processes) throws Exception {
        for (Process p : processes) {
            assertThat(p.waitFor(80, TimeUnit.SECONDS)).isTrue();
        }
        for (int i = 0; i < processes.size(); i++) {
            assertThat(processes.get(i).exitValue()).as(Files.readString(dir.resolve(i + ".err"))).isZero();
        }
    }

    /** Party 1's output is the float model's on the inputs (up to fixed point), and party 0 wrote statistics. */
    private void assertOutputIsTheModels() {
        FloatTensor y = (FloatTensor) TensorFiles.read(dir.resolve("y.npy"));
        FloatTensor x = (FloatTensor) TensorFiles.read(dir.resolve("x.npy"));
        FloatTensor reference = (FloatTensor) FloatInterpreter.run(OnnxReader.read(dir.resolve("model.onnx")),
            Map.of("input", x)).values().iterator().next();
        assertThat(y.shape()).isEqualTo(reference.shape());
        for (int i = 0; i < y.size(); i++) {
            assertThat(y.data()[i]).as("output %d", i).isCloseTo(reference.data()[i], offset(5e-2));
        }
        assertThat(dir.resolve("s.json")).exists();
    }

    @Test
    @Timeout(90)
    void partiesWithDifferentPlansRefuseToRun() throws Exception {
        cluster();
        Graph canonical = CrypTorch.load(dir.resolve("model.onnx")).canonical(Shape.of(1, 784));
        PlanJson.write(Plan.fromProfile(canonical, Profile.named("default")), dir.resolve("p0.json"));
        PlanJson.write(Plan.fromProfile(canonical, Profile.named("crypten")), dir.resolve("p1.json"));
        assertPartiesRefuse(List.of("--plan", dir.resolve("p0.json").toString()), List.of("--plan",
            dir.resolve("p1.json").toString()), dir.resolve("model.onnx"),
            "the parties were started with different plans: site '");
    }

    /** Two plans of one file name with different knobs: refused when the parties meet, not 35 s into the run. */
    @Test
    @Timeout(90)
    void plansOfOneNameWithDifferentKnobsAreRefused() throws Exception {
        cluster();
        Graph canonical = CrypTorch.load(dir.resolve("model.onnx")).canonical(Shape.of(3, 784));
        Plan plan = Plan.fromProfile(canonical, Profile.named("default"));
        Plan.Site relu = plan.sites().stream().filter(s -> s.op().equals("Relu")).findFirst().orElseThrow();
        Path mine = Files.createDirectory(dir.resolve("p0")).resolve("plan.json");
        Path theirs = Files.createDirectory(dir.resolve("p1")).resolve("plan.json");
        PlanJson.write(plan, mine);
        PlanJson.write(plan.with(new Plan.Site(relu.name(), relu.op(), relu.approximation(),
            relu.knobs().with("bits", "40"))), theirs);
        assertPartiesRefuse(List.of("--plan", mine.toString()), List.of("--plan", theirs.toString()),
            dir.resolve("model.onnx"), "the parties were started with different plans: site '" + relu.name());
    }

    /** Two different graphs both named model.onnx: refused by content, not accepted by name. */
    @Test
    @Timeout(90)
    void anotherGraphUnderTheSameFileNameIsRefused() throws Exception {
        cluster();
        Path other = Files.createDirectory(dir.resolve("other")).resolve("model.onnx");
        Files.write(other, DemoFiles.reluToTanh(Files.readAllBytes(dir.resolve("model.onnx"))));
        assertPartiesRefuse(List.of(), List.of(), other, "the parties would run different programs (fingerprint ");
        assertThat(Files.readString(dir.resolve("1.err"))).contains("model is structure ");
    }

    /**
     * Starts the dealer and both parties of the demo cluster ({@link #cluster} first), party 0 and 1 with their own
     * extra options and party 1 with {@code model1}; checks that all three fail, the parties in one line naming
     * {@code expected}, leaving no output.
     */
    private void assertPartiesRefuse(List<String> extra0, List<String> extra1, Path model1, String expected)
        throws Exception {
        List<String> common = List.of(dir.resolve("model.onnx").toString(), "--config",
            dir.resolve("cluster.yaml").toString(), "--weights-owner", "public", "--output-owner", "1", "--quiet");
        List<Process> processes = new ArrayList<>();
        try {
            processes.add(start("dealer", List.of("dealer", "--config", dir.resolve("cluster.yaml").toString())));
            processes.add(start("party1", concat(List.of("party", model1.toString()), common.subList(1,
                common.size()), extra1, List.of("--id", "1", "--output", dir.resolve("y.npy").toString()))));
            processes.add(start("party0", concat(List.of("party"), common, extra0, List.of("--id", "0", "--inputs",
                dir.resolve("x.npy").toString()))));
            for (int i = 1; i < processes.size(); i++) {
                assertThat(processes.get(i).waitFor(80, TimeUnit.SECONDS)).isTrue();
                String err = Files.readString(dir.resolve(i + ".err"));
                assertThat(processes.get(i).exitValue()).as(err).isNotZero();
                assertThat(err).contains(expected);
            }
            // The dealer's exit status tells a supervisor that the run was aborted.
            assertThat(processes.get(0).waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(processes.get(0).exitValue()).as(Files.readString(dir.resolve("0.err"))).isNotZero();
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
        assertThat(dir.resolve("y.npy")).doesNotExist();
    }

    /**
     * The client holds the public export only (no byte of any weight), party 1 the model: the client's output
     * agrees with the fixed-point simulation of the full model.
     */
    @Test
    @Timeout(90)
    void aClientWithoutWeightsQueriesTheModelOwner() throws Exception {
        cluster();
        Path full = dir.resolve("model.onnx");
        Path pub = dir.resolve("public.onnx");
        assertThat(Main.run("export-public", full.toString(), "-o", pub.toString())).isZero();
        byte[] publicBytes = Files.readAllBytes(pub);
        int weights = 0;
        for (var v : OnnxReader.read(full).nodes().stream().flatMap(n -> n.inputs().stream()).distinct().toList()) {
            if (v != null && v.isConstant() && v.constant() instanceof FloatTensor w && w.size() > 1) {
                weights++;
                assertThat(indexOf(publicBytes, float32(w, 8))).as("bytes of weight %s", v.name()).isNegative();
            }
        }
        assertThat(weights).isEqualTo(6);
        assertThat(Main.run("simulate", full.toString(), "--inputs", dir.resolve("x.npy").toString(), "--output",
            dir.resolve("sim.npy").toString(), "--quiet")).isZero();

        List<String> common = List.of("--config", dir.resolve("cluster.yaml").toString(), "--quiet");
        List<Process> processes = new ArrayList<>();
        try {
            processes.add(start("dealer", List.of("dealer", "--config", dir.resolve("cluster.yaml").toString())));
            processes.add(start("party1", concat(List.of("party", full.toString()), common, List.of("--id", "1"))));
            processes.add(start("party0", concat(List.of("party", pub.toString()), common, List.of("--id", "0",
                "--inputs", dir.resolve("x.npy").toString(), "--output", dir.resolve("y.npy").toString()))));
            for (int i = 0; i < processes.size(); i++) {
                assertThat(processes.get(i).waitFor(80, TimeUnit.SECONDS)).isTrue();
                assertThat(processes.get(i).exitValue()).as(Files.readString(dir.resolve(i + ".err"))).isZero();
            }
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
        FloatTensor y = (FloatTensor) TensorFiles.read(dir.resolve("y.npy"));
        FloatTensor sim = (FloatTensor) TensorFiles.read(dir.resolve("sim.npy"));
        assertThat(y.shape()).isEqualTo(sim.shape());
        for (int i = 0; i < y.size(); i++) {
            assertThat(y.data()[i]).as("output %d", i).isCloseTo(sim.data()[i], offset(1e-2));
        }
    }

    @Test
    void theModelOwnerNeedsTheFullModel() throws Exception {
        DemoFiles.write(dir, 1);
        Path pub = dir.resolve("public.onnx");
        assertThat(Main.run("export-public", dir.resolve("model.onnx").toString(), "-o", pub.toString())).isZero();
        assertThat(Main.run("simulate", pub.toString(), "--inputs", dir.resolve("x.npy").toString(), "--output",
            dir.resolve("sim.npy").toString(), "--quiet")).isEqualTo(1);
        assertThat(dir.resolve("sim.npy")).doesNotExist();
    }

    /** The first {@code n} values of {@code t} as little-endian float32, as a model file stores them. */
    private static byte[] float32(FloatTensor t, int n) {
        ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putFloat((float) t.data()[i]);
        }
        return b.array();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    /** Demo files, certificates and a loopback cluster file; returns the options both parties share. */
    private List<String> cluster() throws IOException {
        DemoFiles.write(dir, 3);
        assertThat(Main.run("keygen", "--out", dir.resolve("keys").toString())).isZero();
        Files.writeString(dir.resolve("cluster.yaml"), clusterFile(freePort(), freePort()));
        return List.of(dir.resolve("model.onnx").toString(), "--config", dir.resolve("cluster.yaml").toString(),
            "--weights-owner", "public", "--output-owner", "1", "--quiet");
    }

    private static String clusterFile(int dealerPort, int party1Port) {
        return "certificates: keys\ntimeout_seconds: 60\n"
            + "dealer: {host: 127.0.0.1, port: " + dealerPort + "}\n"
            + "party1: {host: 127.0.0.1, port: " + party1Port + "}\n"
            + "party0: {host: 127.0.0.1}\n";
    }

    private Process start(String name, List<String> args) throws IOException {
        int index = (int) Files.list(dir).filter(p -> p.toString().endsWith(".err")).count();
        return new ProcessBuilder(JvmCommand.forMain(Main.class, args))
            .redirectError(dir.resolve(index + ".err").toFile())
            .redirectOutput(dir.resolve(name + ".out").toFile()).start();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> p : parts) {
            all.addAll(p);
        }
        return all;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
