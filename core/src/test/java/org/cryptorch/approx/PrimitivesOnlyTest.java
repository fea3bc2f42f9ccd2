package org.cryptorch.approx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every approximation of this library emits only primitives, at its defaults and at every order. */
class PrimitivesOnlyTest {
    static Stream<String> names() {
        return Stream.of("sigmoid", "tanh", "erf", "gelu", "silu", "leakyrelu", "hardsigmoid", "hardswish", "abs",
            "clip", "sign", "max", "min", "where").flatMap(op -> Approximations.all().stream()
                .map(Approximation::name).filter(n -> n.startsWith(op + ".")));
    }

    @ParameterizedTest
    @MethodSource("names")
    void emitsOnlyPrimitives(String name) {
        Assumptions.assumeTrue(ActivationApproximationsTest.nestedAvailable(name, Map.of()), "needs approx1");
        int arity = name.equals("where.select") ? 3 : name.startsWith("max.") || name.startsWith("min.") ? 2 : 1;
        assertThat(new ApproximationProbe(name, Map.of(), Map.of(), arity).nonPrimitives()).isEmpty();
        Approximation a = Approximations.get(name);
        a.knobs().stream().filter(k -> k.name().equals("order")).flatMap(k -> k.options().stream()).forEach(order ->
            assertThat(ApproximationProbe.unary(name, Map.of("order", order)).nonPrimitives()).isEmpty());
    }
}
