package org.cryptorch.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import org.cryptorch.compile.CompileOptions;
import org.cryptorch.compile.Compiler;
import org.cryptorch.compile.Ownership;
import org.cryptorch.compile.Program;
import org.cryptorch.compile.Step;
import org.cryptorch.ir.Graph;
import org.cryptorch.mpc.Cost;
import org.cryptorch.mpc.Truncation;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Two parties in one JVM run the same programs as the simulator, at the predicted cost. */
class MpcBackendTest {
    private static final double ULP = 0x1p-16;

    @Test
    void mlpEqualsPlainUpToTruncationNoiseAtThePredictedCost() throws Exception {
        Graph g = TestModels.mlp(4, 11);
        FloatTensor x = TestModels.randomTensor(new Random(12), 1.0, 4, 8);
        for (Truncation t : Truncation.values()) {
            Program p = Compiler.compile(g, Map.of("x", x.shape()), TestModels.reluPlan(g),
                CompileOptions.defaults().withTruncation(t), null);
            checkAgainstPlain(p, Map.of("x", x), "mlp/" + t);
        }
    }

    @Test
    void secretWeightsKeepTheirMaskAcrossBatches() {
        Graph g = TestModels.mlp(4, 21);
        Random rnd = new Random(22);
        FloatTensor x1 = TestModels.randomTensor(rnd, 1.0, 4, 8);
        FloatTensor x2 = TestModels.randomTensor(rnd, 1.0, 4, 8);
        Program p = Compiler.compile(g, Map.of("x", x1.shape()), TestModels.reluPlan(g), CompileOptions.defaults(),
            null);
        // weight products open only the activations: 8 bytes per activation element, none per weight element; the
        // first takes the input under its input mask and opens nothing (each batch's product its own batch's mask)
        java.util.List<Step> products = p.steps().stream().filter(s -> s.op().equals("matmul")).toList();
        assertThat(products).hasSize(2);
        assertThat(products.get(0).cost().bytesSentByParty0()).isZero();
        assertThat(products.get(0).cost().rounds()).isZero();
        assertThat(products.get(1).cost().bytesSentByParty0()).isEqualTo(8L * 4 * 16);
        java.util.List<RunResult[]> runs = TwoPartyRun.runBatches(p, java.util.List.of(Map.of("x", x1),
            Map.of("x", x2)), 23);
        Cost c = p.cost();
        FloatTensor[] xs = {x1, x2};
        for (int k = 0; k < 2; k++) {
            FloatTensor plain = new Interpreter(p, new PlainBackend(p.fractionalBits())).run(Map.of("x", xs[k]))
                .outputs().values().iterator().next();
            RunResult got = runs.get(k)[0];
            long truncations = p.instructions().stream().filter(i -> i.op().startsWith("trunc")).count();
            assertThat(PlainBackendTest.maxAbsDiff(got.outputs().values().iterator().next(), plain))
                .as("batch %d", k).isLessThanOrEqualTo(Math.max(4, 2 * truncations) * ULP);
            for (int party = 0; party < 2; party++) {
                RunResult r = runs.get(k)[party];
                assertThat(r.rounds()).as("rounds of batch %d", k).isEqualTo(c.rounds());
                assertThat(r.bytesSent()).as("bytes of batch %d, party %d", k, party).isEqualTo(c.bytesSent(party));
            }
        }
    }

    @Test
    void convNetWithSecretWeights() {
        Graph g = TestModels.convNet(17);
        FloatTensor x = TestModels.randomTensor(new Random(18), 1.0, 1, 2, 6, 6);
        Program p = Compiler.compile(g, Map.of("x", x.shape()), TestModels.reluPlan(g), CompileOptions.defaults(),
            null);
        Step conv = p.steps().stream().filter(s -> s.op().equals("conv")).findFirst().orElseThrow();
        assertThat(conv.cost().bytesSentByParty0()).as("the input under its input mask: nothing opened").isZero();
        assertThat(conv.cost().rounds()).isZero();
        checkAgainstPlain(p, Map.of("x", x), "conv/secret weights");
    }

    @Test
    void truncationVariantPerSite() {
        Graph g = TestModels.mlp(4, 15);
        FloatTensor x = TestModels.randomTensor(new Random(16), 1.0, 4, 8);
        String site = g.nodes().get(0).name();
        Program p = Compiler.compile(g, Map.of("x", x.shape()), TestModels.reluPlan(g),
            CompileOptions.defaults().withTruncation(site, Truncation.DEALER), null);
        assertThat(p.instructions().stream().filter(i -> i.op().startsWith("trunc")).map(i -> i.site() + ":" + i.op()))
            .containsExactly(site + ":trunc_dealer", g.nodes().get(3).name() + ":trunc");
        checkAgainstPlain(p, Map.of("x", x), "mlp, dealer truncation at " + site + " only");
    }

    @Test
    void convNetWithPublicWeights() throws Exception {
        Graph g = TestModels.convNet(13);
        FloatTensor x = TestModels.randomTensor(new Random(14), 1.0, 1, 2, 6, 6);
        Program p = Compiler.compile(g, Map.of("x", x.shape()), TestModels.reluPlan(g),
            CompileOptions.defaults().withOwnership(Ownership.of(1, Ownership.PUBLIC, 1)), null);
        checkAgainstPlain(p, Map.of("x", x), "conv/public weights, input and output of party 1");
    }

    private static double maxAbs(FloatTensor t) {
        double m = 0;
        for (double v : t.data()) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** Runs p on both backends; inputs belong to whichever party owns them per the program. */
    static TwoPartyRun.Outcome checkAgainstPlain(Program p, Map<String, ? extends Tensor> inputs, String what) {
        FloatTensor plain = new Interpreter(p, new PlainBackend(p.fractionalBits())).run(inputs).outputs().values()
            .iterator().next();
        TwoPartyRun.Outcome o = TwoPartyRun.run(p, inputs, inputs, 7);
        int receiver = p.outputs().get(0).receiver();
        RunResult got = receiver == 0 ? o.party0() : o.party1();
        RunResult other = receiver == 0 ? o.party1() : o.party0();
        assertThat(other.outputs()).isEmpty();
        double err = PlainBackendTest.maxAbsDiff(got.outputs().values().iterator().next(), plain);
        long truncations = p.instructions().stream().filter(i -> i.op().startsWith("trunc")).count();
        Cost c = p.cost();
        System.out.printf("%s: max |mpc - plain| = %.1f ulp (%d truncations); rounds %d predicted %d; bytes p0 %d "
                + "predicted %d, p1 %d predicted %d; offline %d predicted %d%n", what, err / ULP, truncations,
            o.party0().rounds(), c.rounds(), o.party0().bytesSent(), c.bytesSentByParty0(), o.party1().bytesSent(),
            c.bytesSentByParty1(), o.offlineBytes(), c.offlineBytes() + p.setupCost().offlineBytes());
        // each truncation may be off by one ulp; a few ulp per truncation in the program bounds what reaches an output,
        // unless a normalisation (LayerNorm divides by the standard deviation) scales that noise up: then it stays
        // below 1e-3 of the outputs' magnitude (digits_vit, 16 samples, 133 truncations: 314 ulp on logits of ~10)
        double noise = Math.max(Math.max(4, 2 * truncations) * ULP, 1e-3 * maxAbs(plain));
        assertThat(err).isLessThanOrEqualTo(noise);
        assertThat(o.party0().rounds()).isEqualTo(c.rounds());
        assertThat(o.party1().rounds()).isEqualTo(c.rounds());
        assertThat(o.party0().bytesSent()).isEqualTo(c.bytesSentByParty0());
        assertThat(o.party1().bytesSent()).isEqualTo(c.bytesSentByParty1());
        assertThat(o.offlineBytes()).isEqualTo(c.offlineBytes() + p.setupCost().offlineBytes());
        assertThat(o.setup0().rounds()).isEqualTo(p.setupCost().rounds());
        assertThat(o.setup0().bytesSent()).isEqualTo(p.setupCost().bytesSentByParty0());
        // one statistic per communicating step, in order, each at its step's predicted rounds and bytes
        java.util.List<Step> remote = p.steps().stream().filter(Step::communicates).toList();
        assertThat(got.perOp()).hasSameSizeAs(remote);
        for (int k = 0; k < remote.size(); k++) {
            OpStat s = got.perOp().get(k);
            Step st = remote.get(k);
            assertThat(s.op() + "@" + s.site()).isEqualTo(st.op() + "@" + st.sites());
            assertThat(s.rounds()).as("rounds of %s at %s", s.op(), s.site()).isEqualTo(st.cost().rounds());
            assertThat(s.bytes()).as("bytes of %s at %s", s.op(), s.site())
                .isEqualTo(st.cost().bytesSent(receiver));
        }
        return o;
    }
}
