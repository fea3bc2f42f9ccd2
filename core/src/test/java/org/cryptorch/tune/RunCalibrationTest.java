package org.cryptorch.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCalibrationTest {
    @TempDir
    Path dir;

    /** Runs timed exactly by 0.5 ms per round, 1 ns per byte, 0.1 ns per MAC and 2 ns per element. */
    private static List<RunCalibration.Observation> exact() {
        List<RunCalibration.Observation> obs = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            long rounds = 10L * i + i % 3;
            long bytes = 1_000_000L * i * i;
            long macs = 100_000_000L * (7 - i);
            long elements = 1_000_000L * (i % 2 + 1) * i;
            obs.add(new RunCalibration.Observation(rounds * 5e-4 + bytes * 1e-9 + macs * 1e-10 + elements * 2e-9,
                rounds, bytes, macs, elements));
        }
        return obs;
    }

    @Test
    void fitRecoversTheCoefficientsOfExactObservations() throws Exception {
        RunCalibration c = RunCalibration.fit(exact());
        assertThat(c.roundOverheadSeconds()).isEqualTo(5e-4, offset(1e-9));
        assertThat(c.byteSeconds()).isEqualTo(1e-9, offset(1e-14));
        assertThat(c.macSeconds()).isEqualTo(1e-10, offset(1e-15));
        assertThat(c.elementSeconds()).isEqualTo(2e-9, offset(1e-14));

        Path file = dir.resolve("run.properties");
        c.save(file, "test");
        assertThat(RunCalibration.load(file)).isEqualTo(c);
        assertThat(RunCalibration.load(dir.resolve("absent"))).isNull();
    }

    @Test
    void noCoefficientGoesNegative() {
        // runs whose time falls as their MACs grow would fit a negative MAC time; it is held at zero instead
        List<RunCalibration.Observation> obs = List.of(
            new RunCalibration.Observation(0.03, 10, 0, 1_000_000_000L, 0),
            new RunCalibration.Observation(0.01, 10, 0, 3_000_000_000L, 0),
            new RunCalibration.Observation(0.04, 40, 0, 0, 0));
        RunCalibration c = RunCalibration.fit(obs);
        assertThat(c.macSeconds()).isZero();
        assertThat(c.roundOverheadSeconds()).isPositive();
    }

    @Test
    void aByteCostsTheSlowerOfThisMachineAndTheWire() {
        RunCalibration c = new RunCalibration(0, 10e-9, 0, 0);
        assertThat(c.wireSecondsPerByte(NetworkProfile.ofMillisAndMbits("slow", 40, 400))).isEqualTo(10e-9,
            offset(1e-15)); // 20 ns on the wire, 10 of them already counted
        assertThat(c.wireSecondsPerByte(NetworkProfile.LAN)).isZero(); // 2.7 ns on the wire: hidden
    }
}
