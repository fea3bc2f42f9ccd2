package org.cryptorch.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class NetworkProfileTest {
    @Test
    void presetsHaveTheLiteraturesFigures() {
        assertThat(NetworkProfile.parse("lan").rttSeconds()).isEqualTo(0.3e-3, offset(1e-15));
        assertThat(NetworkProfile.parse("LAN").bytesPerSecond()).isEqualTo(3e9 / 8);
        assertThat(NetworkProfile.parse("wan").rttSeconds()).isEqualTo(0.040, offset(1e-15));
        assertThat(NetworkProfile.parse(" wan ").bytesPerSecond()).isEqualTo(400e6 / 8);
        assertThat(NetworkProfile.parse("loopback")).isSameAs(NetworkProfile.LOOPBACK);
    }

    @Test
    void customIsRttMillisAndMegabits() {
        NetworkProfile p = NetworkProfile.parse("5,1000");
        assertThat(p.rttSeconds()).isEqualTo(0.005, offset(1e-15));
        assertThat(p.bytesPerSecond()).isEqualTo(125e6);
        assertThat(NetworkProfile.parse("0.25, 2.5").bytesPerSecond()).isEqualTo(312_500);
    }

    @Test
    void badProfilesAreNamedInTheError() {
        assertThatThrownBy(() -> NetworkProfile.parse("moon")).hasMessageContaining("'moon'")
            .hasMessageContaining("RTT_MS,MBITS");
        assertThatThrownBy(() -> NetworkProfile.parse("1,2,3")).hasMessageContaining("'1,2,3'");
        assertThatThrownBy(() -> NetworkProfile.parse("fast,100")).hasMessageContaining("'fast' is not a number");
        assertThatThrownBy(() -> NetworkProfile.parse("5,0")).hasMessageContaining("bandwidth > 0");
        assertThatThrownBy(() -> NetworkProfile.parse("-1,10")).hasMessageContaining("RTT must be >= 0");
        assertThatThrownBy(() -> NetworkProfile.parse("NaN,10")).hasMessageContaining("'NaN' is not a number");
    }

    @Test
    void latencyIsRoundsTimesOneWayDelayPlusBytesOverBandwidth() {
        // WAN: 10 rounds x 20 ms + 25 MB / 50 MB/s = 0.2 + 0.5 s
        assertThat(NetworkProfile.WAN.seconds(10, 25_000_000)).isEqualTo(0.7, offset(1e-12));
        assertThat(NetworkProfile.LAN.seconds(0, 0)).isZero();
    }

    @Test
    void budgetParsesAbsoluteAndRelative() {
        assertThat(Budget.parse("0")).isEqualTo(new Budget(0, false));
        assertThat(Budget.parse("0.01").allowed(0.9)).isEqualTo(0.01);
        assertThat(Budget.parse("5%").allowed(0.2)).isEqualTo(0.01, offset(1e-15));
        assertThat(Budget.parse("0.01").admits(Metric.ACCURACY, 0.9, 0.89)).isTrue();
        assertThat(Budget.parse("0.01").admits(Metric.ACCURACY, 0.9, 0.8899)).isFalse();
        assertThat(Budget.parse("0.01").admits(Metric.MAE, 0.02, 0.0299)).isTrue();
        assertThat(Budget.parse("0.01").admits(Metric.MAE, 0.02, 0.0301)).isFalse();
        assertThatThrownBy(() -> Budget.parse("-1")).hasMessageContaining("'-1' must be >= 0");
        assertThatThrownBy(() -> Budget.parse("lots")).hasMessageContaining("'lots' is not a number");
        assertThat(Metric.parse("max-abs")).isEqualTo(Metric.MAX_ABS);
        assertThatThrownBy(() -> Metric.parse("f1")).hasMessageContaining("unknown metric 'f1'");
    }
}
