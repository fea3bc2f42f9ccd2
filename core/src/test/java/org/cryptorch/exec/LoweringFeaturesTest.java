package org.cryptorch.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cryptorch.approx.KnobValues;
import org.cryptorch.compile.CompileOptions;
import org.cryptorch.compile.Compiler;
import org.cryptorch.compile.Instruction;
import org.cryptorch.compile.Plan;
import org.cryptorch.compile.PlanJson;
import org.cryptorch.compile.Program;
import org.cryptorch.compile.Step;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Value;
import org.cryptorch.mpc.ComparisonCosts;
import org.cryptorch.mpc.LessThanZero;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Fusion, mask clamping, secret-index gathers, truncation placement and comparison widths. */
class LoweringFeaturesTest {
    @Test
    void independentProductsAndComparisonsOfOneLayerShareTheirRounds() throws Exception {
        Graph g = new Graph();
        g.setOpset("", 17);
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(3, 5));
        Value y = g.addInput("y", DType.FLOAT32, Shape.of(3, 5));
        Value a = g.op("Relu", g.op("Mul", x, y));
        Value b = g.op("Relu", g.op("Mul", y, y));
        Value c = g.op("Relu", g.op("Mul", x, x));
        g.addOutput(g.op("Add", g.op("Add", a, b), c));
        g.addOutput(a);
        Plan plan = TestModels.reluPlan(g);
        for (Plan.Site s : plan.sites()) {
            plan = plan.with(new Plan.Site(s.name(), s.op(), s.approximation(), KnobValues.of(Map.of("bits", "24"))));
        }
        Program p = Compiler.compile(g, Map.of("x", Shape.of(3, 5), "y", Shape.of(3, 5)), plan,
            CompileOptions.defaults(), null);
        // each ReLU's comparison and product are one instruction; the three ReLUs share one step
        Step relu = only(p, "ltz_times");
        assertThat(relu.members()).hasSize(3);
        assertThat(relu.cost()).isEqualTo(ComparisonCosts.signTimes(45, 24));
        // x*y and the squares x*x, y*y are independent: one step, one round
        assertThat(only(p, "mul").members()).hasSize(3);
        assertThat(only(p, "mul").cost()).isEqualTo(org.cryptorch.mpc.ArithmeticCosts.mul(45));
        assertThat(p.steps()).noneMatch(st -> st.op().equals("square"));
        // both inputs of party 0 in one round, both outputs (ready in the same layer) in another
        assertThat(only(p, "input").members()).hasSize(2);
        assertThat(only(p, "output").members()).hasSize(2);
        Random rnd = new Random(5);
        Map<String, FloatTensor> in = Map.of("x", TestModels.randomTensor(rnd, 1, 3, 5), "y",
            TestModels.randomTensor(rnd, 1, 3, 5));
        TwoPartyRun.Outcome o = MpcBackendTest.checkAgainstPlain(p, in, "fused products and comparisons");
        OpStat measured = o.party0().perOp().stream().filter(s -> s.op().equals("ltz_times")).findFirst()
            .orElseThrow();
        assertThat(measured.rounds()).isEqualTo(ComparisonCosts.ltz(45, 24).rounds());
        System.out.print(p.describe());
        assertThat(p.describe()).contains("ltz_times    x3").endsWith(String.format("total: %d rounds, %d bytes/party, "
            + "%d offline bytes, %d steps (%d layers); setup %d bytes%n", p.cost().rounds(), p.cost().bytesPerParty(),
            p.cost().offlineBytes(), p.steps().size(), p.layers(), 0));
        System.out.printf("fused: 3 ReLUs in %d rounds, 2 squares + 1 mul in %d round; total %d rounds%n",
            measured.rounds(), only(p, "mul").cost().rounds(), o.party0().rounds());
    }

    @Test
    void independentMatrixProductsWithSecretWeightsShareOneRound() throws Exception {
        Graph g = new Graph();
        g.setOpset("", 17);
        Random rnd = new Random(31);
        // x + x, not the input itself, which products would take under its input mask without opening it
        Value x = g.op("Add", g.addInput("x", DType.FLOAT32, Shape.of(2, 4)), g.inputs().get(0));
        Value q = g.op("MatMul", x, TestModels.random(g, rnd, 0.5, 4, 3));
        Value k = g.op("MatMul", x, TestModels.random(g, rnd, 0.5, 4, 5));
        g.addOutput(g.op("Concat", Map.of("axis", Attribute.of("axis", 1L)), q, k));
        Program p = Compiler.compile(g, Map.of("x", Shape.of(2, 4)), Plan.of(List.of()), CompileOptions.defaults(),
            null);
        Step both = only(p, "matmul");
        assertThat(both.members()).hasSize(2);
        assertThat(both.cost().rounds()).isEqualTo(1);
        TwoPartyRun.Outcome o = MpcBackendTest.checkAgainstPlain(p, Map.of("x", TestModels.randomTensor(rnd, 1, 2, 4)),
            "two matmuls with secret weights");
        assertThat(o.party0().rounds()).isEqualTo(3);
    }

    @Test
    void maskConstantsAreClampedToASafeNegativeValue() {
        Graph g = new Graph();
        g.setOpset("", 17);
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(2, 3));
        FloatTensor mask = new FloatTensor(Shape.of(2, 3), new double[] {0, -3.4028234663852886e38, 0,
            Double.NEGATIVE_INFINITY, 0, -1e4});
        g.addOutput(g.op("Mul", g.op("Add", x, g.constant(mask)), g.constant(FloatTensor.scalar(0.5))));
        FloatTensor xv = new FloatTensor(Shape.of(2, 3), new double[] {1, 2, 3, 4, 5, 6});
        Program p = Compiler.compile(g, Map.of("x", xv.shape()), Plan.of(List.of()),
            CompileOptions.defaults().withOwnership(org.cryptorch.compile.Ownership.of(0, -1, 0)), null);
        FloatTensor out = plain(p, Map.of("x", xv));
        assertThat(out.data()).containsExactly(0.5, (2 - 32768) * 0.5, 1.5, (4 - 32768) * 0.5, 2.5, (6 - 1e4) * 0.5);
    }

    @Test
    void secretIndicesGatherRowsThroughAOneHotProduct() throws Exception {
        Graph g = new Graph();
        g.setOpset("", 17);
        Value ids = g.addInput("ids", DType.INT64, Shape.of(2, 3));
        FloatTensor table = TestModels.randomTensor(new Random(8), 1, 10, 4);
        g.addOutput(g.op("Gather", Map.of("axis", Attribute.of("axis", 0L)), g.constant(table), ids));
        LongTensor idx = LongTensor.of(Shape.of(2, 3), 0, 9, 3, 3, 7, -1);
        Program p = Compiler.compile(g, Map.of("ids", idx.shape()), Plan.of(List.of()), CompileOptions.defaults(),
            null);
        Instruction.Input input = p.inputs().get(0);
        assertThat(input.oneHotDepth()).isEqualTo(10);
        assertThat(p.instructions()).noneMatch(i -> i.op().startsWith("trunc"));
        TwoPartyRun.Outcome o = TwoPartyRun.run(p, Map.of("ids", idx), Map.of(), 3);
        FloatTensor got = o.party0().outputs().values().iterator().next();
        long[] rows = {0, 9, 3, 3, 7, 9};
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 4; j++) {
                assertThat(got.data()[i * 4 + j]).isCloseTo(table.data()[(int) rows[i] * 4 + j],
                    org.assertj.core.data.Offset.offset(0x1p-16));
            }
        }
        assertThat(o.party0().rounds()).isEqualTo(p.cost().rounds());
    }

    @Test
    void comparisonWidthsComeFromCalibrationRanges() {
        Graph g = TestModels.mlp(4, 21);
        FloatTensor x = TestModels.randomTensor(new Random(22), 1.0, 4, 8);
        Program wide = Compiler.compile(g, Map.of("x", x.shape()), TestModels.reluPlan(g), CompileOptions.defaults(),
            null);
        List<Map<String, Tensor>> calib = List.of(Map.of("x", x));
        Program narrow = Compiler.compile(g, Map.of("x", x.shape()), TestModels.reluPlan(g),
            CompileOptions.defaults(), calib);
        int wideBits = ((LessThanZero) only(wide, "ltz_times").protocol()).bits();
        int narrowBits = ((LessThanZero) only(narrow, "ltz_times").protocol()).bits();
        System.out.printf("comparison width without calibration %d, with %d; rounds %d -> %d, bytes %d -> %d%n",
            wideBits, narrowBits, wide.cost().rounds(), narrow.cost().rounds(), wide.cost().bytesPerParty(),
            narrow.cost().bytesPerParty());
        assertThat(wideBits).isEqualTo(64);
        assertThat(narrowBits).isBetween(16 + 2, 16 + 6);
        assertThat(narrow.cost().bytesPerParty()).isLessThan(wide.cost().bytesPerParty());
        assertThat(PlainBackendTest.maxAbsDiff(plain(narrow, Map.of("x", x)), plain(wide, Map.of("x", x))))
            .isZero();
        // the other party compiles the same program from the widths alone, without the calibration data
        Program replica = Compiler.compile(g, Map.of("x", x.shape()), TestModels.reluPlan(g),
            CompileOptions.defaults().withComparisonWidths(narrow.comparisonWidths()), null);
        assertThat(narrow.comparisonWidths()).hasSize(1).containsValue(narrowBits);
        assertThat(replica.describe()).isEqualTo(narrow.describe());
        // ... or from a plan file that carries them (what `tune` writes and `run --plan` reads)
        Plan tuned = PlanJson.fromJson(PlanJson.toJson(TestModels.reluPlan(g)
            .withComparisonWidths(narrow.comparisonWidths())));
        Program fromPlan = Compiler.compile(g, Map.of("x", x.shape()), tuned, CompileOptions.defaults(), null);
        assertThat(fromPlan.describe()).isEqualTo(narrow.describe());
    }

    /**
     * Without calibration, a softmax's tree max and a GELU's range tests are sized for what their documented ranges
     * imply (softmax on [-32, 32]: differences up to 64, 24 bits; GELU on [-64, 64]: x -+ L, 25 bits), other
     * comparisons (the reciprocal's, nested in the softmax) keep 64 bits; calibration ranges still take precedence.
     */
    @Test
    void withoutCalibrationComparisonsAreSizedForTheApproximationsDocumentedRanges() {
        Graph g = new Graph();
        g.setOpset("", 17);
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(2, 8));
        g.addOutput(g.op("Gelu", g.op("Softmax", x)));
        Plan plan = Plan.fromProfile(g, org.cryptorch.approx.Profile.named(org.cryptorch.approx.Profile.DEFAULT));
        Program p = Compiler.compile(g, Map.of("x", x.shape()), plan, CompileOptions.defaults(), null);
        System.out.println("comparison widths without calibration: " + new java.util.TreeMap<>(p.comparisonWidths()));
        assertThat(p.comparisonWidths().values()).contains(24, 25, 64);
        assertThat(p.comparisonWidths().values()).allMatch(b -> b == 24 || b == 25 || b == 64);
        FloatTensor small = TestModels.randomTensor(new Random(5), 0.1, 2, 8);
        Program calibrated = Compiler.compile(g, Map.of("x", x.shape()), plan, CompileOptions.defaults(),
            List.<Map<String, Tensor>>of(Map.of("x", small)));
        assertThat(calibrated.comparisonWidths().values()).allMatch(b -> b < 64).anyMatch(b -> b < 24);
    }

    /**
     * A small public factor keeps f significant bits: x * (1/9.6) at f bits would encode 1/9.6 off by 1.5e-4
     * relative, the same direction for every element; with the factor's leading zeros added to its scale the product
     * is within one ulp of exact. And the simulator rounds a truncation to nearest (the parties' stochastic rounding
     * has that mean), so the error of many products averages to about 0, not to minus half an ulp.
     */
    @Test
    void smallPublicFactorsKeepTheirPrecisionAndTruncationsAreUnbiased() {
        Graph g = new Graph();
        g.setOpset("", 17);
        int n = 1000;
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(n));
        g.addOutput(g.op("Mul", x, g.constant(FloatTensor.scalar(1 / 9.6))));
        Program p = Compiler.compile(g, Map.of("x", Shape.of(n)), TestModels.reluPlan(g), CompileOptions.defaults(),
            null);
        double ulp = Math.scalb(1.0, -p.fractionalBits());
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = (i - n / 2) * 37 * ulp;
        }
        double[] out = plain(p, Map.of("x", new FloatTensor(Shape.of(n), xs))).data();
        double worst = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double err = out[i] - xs[i] / 9.6;
            worst = Math.max(worst, Math.abs(err));
            sum += err;
        }
        assertThat(worst).isLessThanOrEqualTo(ulp);
        assertThat(Math.abs(sum / n)).isLessThan(0.05 * ulp);
    }

    @Test
    void productsWithPublicIntegersAndComparisonResultsAreNotTruncated() {
        Graph g = new Graph();
        g.setOpset("", 17);
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(4));
        Value twice = g.op("Mul", x, g.constant(FloatTensor.scalar(3)));
        g.addOutput(g.op("Relu", twice));
        Program p = Compiler.compile(g, Map.of("x", Shape.of(4)), TestModels.reluPlan(g), CompileOptions.defaults(),
            null);
        assertThat(p.instructions()).noneMatch(i -> i.op().startsWith("trunc"));
        FloatTensor out = plain(p, Map.of("x", FloatTensor.of(Shape.of(4), -1.5, 0.25, 2, -0.0001)));
        assertThat(out.data()).containsExactly(0, 0.75, 6, 0);
    }

    @Test
    void unsupportedOpsAndMissingSitesAreNamed() {
        Graph g = new Graph();
        g.setOpset("", 17);
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(4));
        g.addOutput(g.op("Exp", x));
        String site = g.nodes().get(0).name();
        assertThatThrownBy(() -> Compiler.compile(g, Map.of("x", Shape.of(4)), Plan.of(List.of()),
            CompileOptions.defaults(), null)).hasMessageContaining("site '" + site + "' (Exp) needs an approximation");
        Plan wrong = Plan.of(List.of(new Plan.Site(site, "Exp", TestModels.RELU, KnobValues.empty())));
        TestModels.registerRelu();
        assertThatThrownBy(() -> Compiler.compile(g, Map.of("x", Shape.of(4)), wrong, CompileOptions.defaults(),
            null)).hasMessageContaining("site '" + site + "' is a Exp but approximation test.relu implements Relu");
    }

    static FloatTensor plain(Program p, Map<String, ? extends Tensor> in) {
        return new Interpreter(p, new PlainBackend(p.fractionalBits())).run(in).outputs().values().iterator().next();
    }

    private static Step only(Program p, String op) {
        List<Step> s = p.steps().stream().filter(st -> st.op().equals(op)).toList();
        assertThat(s).as("steps of %s", op).hasSize(1);
        return s.get(0);
    }
}
