package org.cryptorch.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.cryptorch.api.RunStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {
    @TempDir
    Path dir;

    private static RunFigures run(double seconds, double error) {
        return new RunFigures(seconds, 17, 280_000, 1_100_000, error, Double.NaN, List.of(op("conv", seconds * 0.2),
            op("ltz", seconds / 4), op("matmul", seconds * 0.2), op("ltz", seconds / 4)));
    }

    private static RunStats.Op op(String kind, double seconds) {
        return new RunStats.Op(kind, "s", 1, 100, seconds);
    }

    @Test
    void tableShowsTheMedianRunAndTheWorstErrorAndAChartPerModel() throws Exception {
        BenchRow loopback = new BenchRow("cnn", BenchNetwork.parse("loopback"), 0.1,
            List.of(run(0.3, 0.003), run(0.1, 0.001), run(0.2, 0.002)));
        BenchRow wan = new BenchRow("cnn", BenchNetwork.parse("wan"), 0.4, List.of(run(0.5, 1e-5)));
        String table = BenchReport.table(List.of(loopback, wan));
        assertThat(table).contains(
            "| cnn | loopback | 0.200 | 3 (0.100-0.300) | 0.100 | -50 % | 17 | 0.28 | 1.1 | 3.00e-03 | - |",
            "| cnn | wan | 0.500 | 1 (0.500-0.500) | 0.400 | -20 % | 17 | 0.28 | 1.1 | 1.00e-05 | - |");
        assertThat(loopback.secondsByOp().keySet()).containsExactly("ltz", "conv", "matmul");
        assertThat(loopback.secondsByOp().get("ltz")).isEqualTo(0.1);

        List<Path> files = BenchReport.write(List.of(loopback, wan), dir);
        assertThat(files).containsExactly(dir.resolve("bench.md"), dir.resolve("online-cnn.png"));
        BufferedImage png = ImageIO.read(files.get(1).toFile());
        assertThat(png.getWidth()).isEqualTo(900);
    }

    @Test
    void runsOfOneConfigurationMustAgreeOnRoundsAndBytes() {
        assertThatThrownBy(() -> new BenchRow("cnn", BenchNetwork.parse("lan"), 0.1, List.of(run(0.1, 0),
            new RunFigures(0.1, 18, 280_000, 0, 0, 1, List.of()))))
            .hasMessageContaining("runs differ in rounds or bytes (17 vs 18 rounds");
        assertThat(BenchNetwork.parse("loopback").link()).isNull();
        assertThat(BenchNetwork.parse("wan").link().oneWayDelayNanos()).isEqualTo(20_000_000);
    }
}
