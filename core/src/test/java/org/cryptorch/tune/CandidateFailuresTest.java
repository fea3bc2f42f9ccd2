package org.cryptorch.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cryptorch.approx.Approximation;
import org.cryptorch.approx.Approximations;
import org.cryptorch.approx.BaseApproximation;
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
import org.junit.jupiter.api.Test;

/**
 * A candidate the approximation refuses (an {@link IllegalArgumentException}) leaves the search quietly; one that
 * crashes (any other exception: a bug) fails the tuning, naming its site and knob values.
 */
class CandidateFailuresTest {
    private static final String SITE = "the_sigmoid";

    /** A sigmoid candidate that throws {@code failure} when built with knob {@code fail} = 1 (its default). */
    private static final class Failing extends BaseApproximation {
        private final RuntimeException failure;

        Failing(String name, RuntimeException failure) {
            super(name, "Sigmoid", "fails when asked to (test)", List.of(Knob.integer("fail", "1: throw", 0, 1, 1)));
            this.failure = failure;
        }

        @Override
        public Range documentedRange(KnobValues knobs) {
            return new Range(-100, 100);
        }

        @Override
        public List<Value> build(Emitter e, List<Value> inputs, Map<String, Attribute> attributes,
                                 KnobValues knobs) {
            if (knobs.integer("fail") == 1) {
                throw failure;
            }
            return List.of(inputs.get(0));
        }
    }

    @Test
    void aRefusedCandidateIsDroppedFromTheSearch() {
        List<String> log = new ArrayList<>();
        ModelSpace space = withRegistered(new Failing("sigmoid.refuses", new IllegalArgumentException("too narrow")),
            () -> space(log));
        assertThat(space.space().sites().get(0).candidates()).noneMatch(c -> c.approximation().equals(
            "sigmoid.refuses") && c.knobs().integer("fail") == 1);
        assertThat(log).anyMatch(l -> l.startsWith("Sigmoid: ") && l.contains("rejected by the compiler")
            && l.contains("too narrow"));
    }

    @Test
    void aCrashingCandidateFailsTheTuningNamingSiteAndKnobs() {
        assertThatThrownBy(() -> withRegistered(new Failing("sigmoid.crashes",
            new IllegalStateException("index out of step")), () -> space(new ArrayList<>())))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("site '" + SITE + "'")
            .hasMessageContaining("sigmoid.crashes")
            .hasMessageContaining("fail=1")
            .hasMessageContaining("index out of step");
    }

    private static ModelSpace space(List<String> log) {
        Graph g = new Graph();
        g.setOpset("", 17);
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(2, 3));
        Value y = g.op("Sigmoid", x);
        y.producer().rename(SITE);
        g.addOutput(y);
        FloatTensor sample = FloatTensor.of(Shape.of(2, 3), -2, -1, 0, 0.5, 1, 3);
        return ModelSpace.build(g, Map.of("x", Shape.of(2, 3)), List.of(Map.of("x", sample)),
            CompileOptions.defaults(), Plan.fromProfile(g, Profile.named(Profile.DEFAULT)), true,
            new CostModel(NetworkProfile.LOOPBACK, new ComputeCalibration(1e9, 2e10)), 1, log::add);
    }

    /** Runs {@code body} with {@code a} registered, so no other test's tuning meets it. */
    private static <T> T withRegistered(Approximation a, java.util.function.Supplier<T> body) {
        Approximations.register(a);
        try {
            return body.get();
        } finally {
            Approximations.unregister(a.name());
        }
    }
}
