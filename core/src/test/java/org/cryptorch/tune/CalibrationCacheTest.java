package org.cryptorch.tune;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationCacheTest {
    @TempDir
    Path dir;

    @Test
    void measuresOnceThenReadsTheFile() {
        AtomicInteger measured = new AtomicInteger();
        ComputeCalibration fixed = new ComputeCalibration(1.5e9, 2.5e10);
        CalibrationCache cache = new CalibrationCache(dir, "jdk25-2cores", () -> {
            measured.incrementAndGet();
            return fixed;
        });
        assertThat(cache.get()).isEqualTo(fixed);
        assertThat(new CalibrationCache(dir, "jdk25-2cores", () -> {
            throw new AssertionError("must come from the cache");
        }).get()).isEqualTo(fixed);
        assertThat(measured).hasValue(1);
        assertThat(cache.file().getFileName().toString()).isEqualTo("compute-jdk25-2cores.properties");
    }

    @Test
    void anotherMachineKeyOrABrokenFileMeasuresAgain() throws Exception {
        AtomicInteger measured = new AtomicInteger();
        CalibrationCache a = new CalibrationCache(dir, "jdk25-2cores", () -> {
            measured.incrementAndGet();
            return new ComputeCalibration(1, 1);
        });
        a.get();
        new CalibrationCache(dir, "jdk21-8cores", () -> {
            measured.incrementAndGet();
            return new ComputeCalibration(2, 2);
        }).get();
        Files.writeString(a.file(), "elementOpsPerSecond=fast\n");
        assertThat(a.get()).isEqualTo(new ComputeCalibration(1, 1));
        assertThat(measured).hasValue(3);
    }

    @Test
    void machineKeyNamesJdkAndCores() {
        assertThat(CalibrationCache.machineKey()).startsWith("jdk" + Runtime.version().feature())
            .endsWith(Runtime.getRuntime().availableProcessors() + "cores").doesNotContain("/", "+", " ");
    }
}
