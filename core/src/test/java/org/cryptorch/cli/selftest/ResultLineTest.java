package org.cryptorch.cli.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cryptorch.cli.selftest.PartySession.Measurement;
import org.cryptorch.mpc.Cost;
import org.junit.jupiter.api.Test;

class ResultLineTest {
    private static final Cost MUL = Cost.symmetric(1, 160, 80);
    private static final Measurement MATCH = new Measurement(1, 160, 1_000_000, 0);
    private static final Measurement MATCH_WITH_DEALER = new Measurement(1, 160, 2_000_000, 80);

    @Test
    void lineIsOkWhenErrorAndCostsMatch() {
        String line = ResultLine.format("mul", CheckOutcome.of(10, 0, 0, 0, MUL), MATCH, MATCH_WITH_DEALER);
        assertThat(ResultLine.isOk(line)).isTrue();
        assertThat(line).startsWith("{\"name\":\"mul\",\"elements\":10,").contains("\"online_seconds\":0.002")
            .contains("\"bytes_sent\":[160,160]").doesNotContain("bits").doesNotContain("problems");
    }

    @Test
    void repeatedRunsReportTheMedianTimeTheWorstErrorAndAnyFailingRun() {
        CheckOutcome exact = CheckOutcome.of(10, 0, 0, 0, MUL);
        Measurement slow = new Measurement(1, 160, 9_000_000, 80);
        String line = ResultLine.format("mul", List.of(new ResultLine.Run(exact, MATCH, MATCH_WITH_DEALER),
            new ResultLine.Run(exact, MATCH, slow), new ResultLine.Run(CheckOutcome.of(10, 0, 1e-6, 1e-5, MUL),
                MATCH, MATCH_WITH_DEALER)));
        assertThat(ResultLine.isOk(line)).isTrue();
        assertThat(line).contains("\"online_seconds\":0.002,").contains("\"online_seconds_runs\":[0.002,0.009,0.002]")
            .contains("\"max_abs_error\":1.0E-6");
        String oneBad = ResultLine.format("mul", List.of(new ResultLine.Run(exact, MATCH, MATCH_WITH_DEALER),
            new ResultLine.Run(exact, MATCH, MATCH)));
        assertThat(oneBad).contains("\"ok\":false").contains("offline bytes: measured 0, predicted 80");
    }

    @Test
    void eachMismatchFailsTheLineAndIsNamed() {
        Measurement extraRound = new Measurement(2, 160, 1, 0);
        assertThat(ResultLine.format("mul", CheckOutcome.of(10, 0, 0, 0, MUL), extraRound, MATCH_WITH_DEALER))
            .contains("\"ok\":false").contains("rounds of party 0: measured 2, predicted 1");
        assertThat(ResultLine.format("mul", CheckOutcome.of(10, 0, 0, 0, MUL), MATCH, MATCH))
            .contains("\"ok\":false").contains("offline bytes: measured 0, predicted 80");
        assertThat(ResultLine.format("mul", CheckOutcome.of(10, 0, 1e-3, 0, MUL), MATCH, MATCH_WITH_DEALER))
            .contains("\"ok\":false").contains("error 0.001 above bound 0.0");
        assertThat(ResultLine.format("trunc_local", new CheckOutcome(10, 0, 0, 1, 3, 2, MUL), MATCH,
            MATCH_WITH_DEALER)).contains("\"ok\":false").contains("\"large_errors\":3");
        assertThat(ResultLine.isOk("not json")).isFalse();
    }

    @Test
    void poissonQuantileIsTheSmallestCountWithARareTail() {
        assertThat(Poisson.quantile(0, 1e-9)).isZero();
        // P(Poisson(1) > 10) = 1.0e-8 and P(Poisson(1) > 11) = 8.3e-10.
        assertThat(Poisson.quantile(1, 1e-9)).isEqualTo(11);
        // A mean whose e^-mean underflows still ends, a few standard deviations above the mean.
        assertThat(Poisson.quantile(1e4, 1e-9)).isBetween(10_400L, 10_800L);
    }
}
