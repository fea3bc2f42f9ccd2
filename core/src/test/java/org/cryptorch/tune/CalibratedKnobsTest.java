package org.cryptorch.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.cryptorch.approx.Approximation;
import org.cryptorch.approx.Approximations;
import org.cryptorch.approx.CalibratedKnob;
import org.cryptorch.approx.Emitter;
import org.cryptorch.approx.Knob;
import org.cryptorch.approx.KnobValues;
import org.cryptorch.approx.Profile;
import org.cryptorch.compile.CompileOptions;
import org.cryptorch.compile.Plan;
import org.cryptorch.ir.Attribute;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Value;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Knobs calibrated on the data, declared by their approximations (softmax's public offset): which approximations
 * declare them, the values, and the search space.
 */
class CalibratedKnobsTest {
    private static final Knob OFFSET = Knob.integer("offset", "test", -64, 64, 0);

    @Test
    void theShiftedSoftmaxesDeclareTheirOffsetCalibrated() {
        for (String name : List.of("softmax.shifted", "maskedsoftmax.shifted", "logsoftmax.shifted")) {
            Approximation a = Approximations.get(name);
            assertThat(a.calibratedKnobs()).singleElement().satisfies(k -> {
                assertThat(a.knobs()).contains(k.knob());
                assertThat(k.statistic()).isEqualTo(CalibratedKnob.Statistic.ROW_MAXIMA);
                assertThat(k.apply(KnobValues.empty(), 3).complete(a).asMap()).containsEntry("shift", "offset")
                    .containsEntry("offset", "3");
            });
        }
        assertThat(Approximations.get("gelu.even").calibratedKnobs()).isEmpty();
    }

    /** Renaming a knob but not its declaration must fail loudly, not turn the tuner's calibration off. */
    @Test
    void aCalibratedKnobTheApproximationLacksIsRefusedAtRegistration() {
        Approximation softmax = Approximations.get("softmax.shifted");
        Approximation renamed = new Approximation() {
            @Override
            public String name() {
                return "softmax.renamed";
            }

            @Override
            public String op() {
                return softmax.op();
            }

            @Override
            public String description() {
                return "softmax.shifted with its offset knob renamed (test)";
            }

            @Override
            public List<Knob> knobs() {
                return softmax.knobs().stream().map(k -> !k.name().equals("offset") ? k : new Knob("bias", k.kind(),
                    k.description(), k.min(), k.max(), k.options(), k.op(), k.defaultValue())).toList();
            }

            @Override
            public Range documentedRange(KnobValues knobs) {
                return softmax.documentedRange(knobs);
            }

            @Override
            public List<CalibratedKnob> calibratedKnobs() {
                return softmax.calibratedKnobs();
            }

            @Override
            public List<Value> build(Emitter e, List<Value> inputs, Map<String, Attribute> attributes,
                                     KnobValues knobs) {
                return softmax.build(e, inputs, attributes, knobs);
            }
        };
        assertThatThrownBy(() -> Approximations.register(renamed)).hasMessageContaining("calibrated knob offset");
        assertThat(Approximations.all()).doesNotContain(renamed);
    }

    @Test
    void offsetsAreRoundedUpQuantilesOfTheRowMaxima() {
        // median 2.5 -> 3; 90th, 99th percentile and maximum 7.1 -> 8
        assertThat(CalibratedKnobs.values(new double[] {-1.5, 0.2, 2.5, 7.1}, OFFSET)).containsExactly(3, 8);
        assertThat(CalibratedKnobs.values(new double[] {60.5, 63.2, 70}, OFFSET)).containsExactly(64);
        assertThat(CalibratedKnobs.values(new double[0], OFFSET)).isEmpty();
    }

    @Test
    void rowMaximaAreTakenAlongTheLastAxisOverAllSamples() {
        Graph g = softmaxGraph();
        String site = g.nodes().get(0).name();
        FloatTensor a = FloatTensor.of(Shape.of(2, 3), 1, 5, 2, -4, -3, -9);
        FloatTensor b = FloatTensor.of(Shape.of(2, 3), 0, 0, 0, 7, 1, 1);
        Map<String, double[]> maxima = CalibratedKnobs.rowMaxima(g, List.of(Map.of("x", a), Map.of("x", b)),
            Set.of(site));
        assertThat(maxima.get(site)).containsExactly(-3, 0, 5, 7);
    }

    @Test
    void theSearchSpaceOffersTheCalibratedOffsetsAtASoftmaxSite() {
        Graph g = softmaxGraph();
        Random rnd = new Random(3);
        double[] v = new double[2 * 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = 1 + 0.5 * rnd.nextGaussian(); // narrow enough for an offset's range with the tuner's margin
        }
        Map<String, Tensor> sample = Map.of("x", new FloatTensor(Shape.of(2, 3), v));
        ModelSpace space = ModelSpace.build(g, Map.of("x", Shape.of(2, 3)), List.of(sample),
            CompileOptions.defaults(), Plan.fromProfile(g, Profile.named(Profile.DEFAULT)), true,
            new CostModel(NetworkProfile.LOOPBACK, new ComputeCalibration(1e9, 2e10)), 1, m -> { });
        String siteName = g.nodes().get(0).name();
        double[] observed = RangeMargin.observed(g, List.of(sample), Set.of(siteName)).get(siteName);
        List<Integer> expected = CalibratedKnobs.values(CalibratedKnobs.rowMaxima(g, List.of(sample),
            Set.of(siteName)).get(siteName), OFFSET).stream().filter(o -> RangeMargin.admits("softmax.shifted",
            KnobValues.empty().with("shift", "offset").with("offset", String.valueOf(o)), observed)).toList();
        Site site = space.space().sites().stream().filter(s -> s.id().equals(siteName)).findFirst().orElseThrow();
        List<Integer> offered = site.candidates().stream()
            .filter(c -> c.knobs().asMap().getOrDefault("shift", "").equals("offset"))
            .map(c -> c.knobs().integer("offset")).filter(o -> o != 0).toList();
        assertThat(expected).isNotEmpty();
        assertThat(offered).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static Graph softmaxGraph() {
        Graph g = new Graph();
        g.setOpset("", 17);
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(2, 3));
        g.addOutput(g.op("Softmax", x));
        return g;
    }
}
