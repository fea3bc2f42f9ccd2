package org.cryptorch.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCalibrationTest {
    private static final ComputeCalibration FALLBACK = new ComputeCalibration(1e9, 1e10);

    @TempDir
    Path dir;

    /**
     * Steps timed exactly by 0.5 ms per round, 1 ns per byte, 2 ns per ltz element, 5 ns per mul element and 0.1 ns
     * per MAC.
     */
    private static List<RunCalibration.Observation> exact() {
        List<RunCalibration.Observation> obs = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            long rounds = 2 + i % 3;
            long elements = 1000L * i * i;
            obs.add(new RunCalibration.Observation("ltz", rounds * 5e-4 + elements * 2e-9, rounds, 0, elements, 0));
            obs.add(new RunCalibration.Observation("mul", 5e-4 + elements * 5e-9, 1, 0, elements, 0));
            long macs = 1_000_000L * i * i * i;
            long bytes = 1000L * i * i;
            obs.add(new RunCalibration.Observation("matmul", 5e-4 + bytes * 1e-9 + 100 * i * 1e-9 + macs * 1e-10, 1,
                bytes, 100L * i, macs));
        }
        return obs;
    }

    @Test
    void fitRecoversTheCoefficientsOfExactObservations() throws Exception {
        RunCalibration c = RunCalibration.fit(exact(), 3e-10, FALLBACK);
        assertThat(c.roundOverheadSeconds()).isEqualTo(5e-4, offset(1e-9));
        assertThat(c.byteSeconds()).isEqualTo(1e-9, offset(1e-14));
        assertThat(c.macSeconds()).isEqualTo(1e-10, offset(1e-15));
        assertThat(c.localElementSeconds()).isEqualTo(3e-10);
        assertThat(c.elementSeconds().get("ltz")).isEqualTo(2e-9, offset(1e-13));
        assertThat(c.elementSeconds().get("mul")).isEqualTo(5e-9, offset(1e-13));

        Path file = dir.resolve("run.properties");
        c.save(file, "test");
        assertThat(RunCalibration.load(file, FALLBACK)).isEqualTo(c);
        assertThat(RunCalibration.load(dir.resolve("absent"), FALLBACK)).isNull();
    }

    @Test
    void noCoefficientGoesNegative() {
        // a kind whose time shrinks with size would fit a negative element time; it is held at zero instead
        List<RunCalibration.Observation> obs = new ArrayList<>(exact());
        obs.add(new RunCalibration.Observation("odd", 1e-3, 1, 0, 10, 0));
        obs.add(new RunCalibration.Observation("odd", 5e-4, 1, 0, 1_000_000, 0));
        RunCalibration c = RunCalibration.fit(obs, 0, FALLBACK);
        assertThat(c.elementSeconds().get("odd")).isZero();
        assertThat(c.roundOverheadSeconds()).isPositive();
    }
}
