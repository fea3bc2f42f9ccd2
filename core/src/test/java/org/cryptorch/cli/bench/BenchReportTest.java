package org.cryptorch.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {
    @TempDir
    Path dir;

    private static RunFigures run(double seconds, double error) {
        return new RunFigures(seconds, 17, 280_000, 1_100_000, error, Map.of("conv", seconds * 0.3, "ltz", seconds / 2,
            "matmul", seconds * 0.2));
    }

    @Test
    void tableShowsTheMedianRunAndTheWorstErrorAndAChartPerModel() throws Exception {
        BenchRow loopback = new BenchRow("cnn", BenchNetwork.parse("loopback"), 0.1);
        for (double s : new double[] {0.3, 0.1, 0.2}) {
            loopback.add(run(s, s / 100));
        }
        BenchRow wan = new BenchRow("cnn", BenchNetwork.parse("wan"), 0.4);
        wan.add(run(0.5, 1e-5));
        String table = BenchReport.table(List.of(loopback, wan));
        assertThat(table).contains("| cnn | loopback | 0.200 | 0.100 | 3 | 17 | 0.28 | 1.1 | 3.00e-03 |",
            "| cnn | wan | 0.500 | 0.400 | 1 | 17 | 0.28 | 1.1 | 1.00e-05 |");
        assertThat(loopback.secondsByOp().keySet()).containsExactly("ltz", "conv", "matmul");

        List<Path> files = BenchReport.write(List.of(loopback, wan), dir);
        assertThat(files).containsExactly(dir.resolve("bench.md"), dir.resolve("online-cnn.png"));
        BufferedImage png = ImageIO.read(files.get(1).toFile());
        assertThat(png.getWidth()).isEqualTo(900);
    }

    @Test
    void runsOfOneConfigurationMustAgreeOnRoundsAndBytes() {
        BenchRow row = new BenchRow("cnn", BenchNetwork.parse("lan"), 0.1);
        row.add(run(0.1, 0));
        assertThatThrownBy(() -> row.add(new RunFigures(0.1, 18, 280_000, 0, 0, Map.of())))
            .hasMessageContaining("runs differ in rounds or bytes (17 vs 18 rounds");
        assertThat(BenchNetwork.parse("loopback").link()).isNull();
        assertThat(BenchNetwork.parse("wan").link().oneWayDelayNanos()).isEqualTo(20_000_000);
    }
}
