package org.cryptorch.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.cryptorch.approx.KnobValues;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.api.Test;

class PlanJsonTest {
    @Test
    void roundTripsSitesKnobsAndTunerAnnotations() {
        Plan plan = Plan.of(List.of(
            new Plan.Site("Gelu_3", "Gelu", "gelu.erf", KnobValues.of(Map.of("erf", "erf.poly", "erf.degree", "7")),
                new Plan.SiteCost(4, 8192, 4096), 0.001),
            new Plan.Site("/fc/Relu", "Relu", "relu.exact", KnobValues.empty())));
        String json = PlanJson.toJson(plan, Map.of("totals", Map.of("rounds", 10)));
        assertThat(json).contains("\"approximation\" : \"gelu.erf\"", "\"bytes_per_party\" : 8192", "\"totals\"");
        assertThat(PlanJson.fromJson(json)).isEqualTo(plan);
        assertThat(PlanJson.fromJson(json).site("Gelu_3").orElseThrow().measuredError()).isEqualTo(0.001);
    }

    @Test
    void knobValuesMayBeNumbers() {
        Plan p = PlanJson.fromJson("{\"sites\": [{\"site\": \"s\", \"op\": \"Exp\", \"approximation\": \"exp.limit\","
            + " \"knobs\": {\"iterations\": 8}}]}");
        assertThat(p.site("s").orElseThrow().knobs().asMap()).containsEntry("iterations", "8");
    }

    @Test
    void comparisonWidthsRoundTripAndBadOnesAreNamed() {
        Plan p = Plan.of(List.of(new Plan.Site("Exp_1", "Exp", "exp.limit", KnobValues.empty())))
            .withComparisonWidths(Map.of("Exp_1#Ltz_0", 24));
        String json = PlanJson.toJson(p);
        assertThat(json).contains("\"comparison_widths\"");
        assertThat(PlanJson.fromJson(json)).isEqualTo(p);
        assertThat(PlanJson.fromJson(json).comparisonWidths()).containsEntry("Exp_1#Ltz_0", 24);
        assertThatThrownBy(() -> PlanJson.fromJson("{\"sites\": [], \"comparison_widths\": {\"a#Ltz_0\": \"x\"}}"))
            .hasMessageContaining("comparison_widths.a#Ltz_0");
        assertThatThrownBy(() -> PlanJson.fromJson("{\"sites\": [], \"comparison_widths\": {\"a#Ltz_0\": 65}}"))
            .hasMessageContaining("'a#Ltz_0' must be 8..64 bits, got 65");
    }

    @Test
    void calibratedInputsRoundTripAndBoundInputs() {
        Plan p = Plan.of(List.of()).withCalibratedInputs(Map.of("x", 2.0));
        String json = PlanJson.toJson(p);
        assertThat(json).contains("\"calibrated_inputs\"");
        assertThat(PlanJson.fromJson(json)).isEqualTo(p);
        assertThat(p.withCalibratedInputs(Map.of("x", 3.0)).calibratedInputs()).containsEntry("x", 2.0);
        FloatTensor inside = new FloatTensor(Shape.of(2, 2), new double[] {0, 4, -4, 1});
        RangeCheck.checkCalibratedInputs(p, Map.of("x", inside));
        FloatTensor beyond = new FloatTensor(Shape.of(2, 2), new double[] {0, 4, -4.01, 1});
        assertThatThrownBy(() -> RangeCheck.checkCalibratedInputs(p, Map.of("x", beyond)))
            .hasMessageStartingWith("input 'x' sample 1, element 0 is -4.01, beyond +-4 ");
        assertThatThrownBy(() -> PlanJson.fromJson("{\"sites\": [], \"calibrated_inputs\": {\"x\": \"big\"}}"))
            .hasMessageContaining("calibrated_inputs.x");
    }

    @Test
    void errorsNameTheSiteAndField() {
        assertThatThrownBy(() -> PlanJson.fromJson("{\"sites\": [{\"site\": \"Exp_1\", \"op\": \"Exp\"}]}"))
            .hasMessage("sites[0] (site 'Exp_1'): missing or non-text \"approximation\"");
        assertThatThrownBy(() -> PlanJson.fromJson("{\"sites\": [{\"op\": \"Exp\"}]}"))
            .hasMessageContaining("sites[0]: missing or non-text \"site\"");
        assertThatThrownBy(() -> PlanJson.fromJson("[1]")).hasMessageContaining("\"sites\" array");
        assertThatThrownBy(() -> PlanJson.fromJson("{\"sites\": [{\"site\": \"a\", \"op\": \"Exp\", "
            + "\"approximation\": \"e\", \"knobs\": {\"k\": [1]}}]}")).hasMessageContaining("knob 'k'");
        Plan unknown = Plan.of(List.of(new Plan.Site("Exp_1", "Exp", "no.such", KnobValues.empty())));
        assertThatThrownBy(unknown::validate).hasMessageContaining("site 'Exp_1'")
            .hasMessageContaining("no approximation named 'no.such'");
    }
}
