package org.cryptorch.tune;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    @TempDir
    Path dir;

    @Test
    void writesReadableChartsAPlanAndAPageReferencingThem() throws Exception {
        long[][] rounds = {{5, 20, 40}, {3, 30}, {10, 12, 50}};
        double[][] loss = {{0.02, 0.004, 0}, {0.003, 0}, {0.05, 0.001, 0}};
        TuneReport report = SyntheticSpaces.tuner(SyntheticSpaces.space(rounds), SyntheticSpaces.additive(loss),
            "0.01", 2).tune(new CostBenefitSearch());
        HtmlReport.write(report, dir);

        for (String png : new String[] {HtmlReport.TRADEOFF_PNG, HtmlReport.SITES_PNG}) {
            BufferedImage img = ImageIO.read(dir.resolve(png).toFile());
            assertThat(img).as(png).isNotNull();
            assertThat(img.getWidth()).isEqualTo(900);
            assertThat(img.getHeight()).isEqualTo(560);
            assertThat(distinctColours(img)).as(png + " has something drawn").isGreaterThan(3);
        }
        String html = Files.readString(dir.resolve(HtmlReport.HTML));
        assertThat(html).contains("src=\"tradeoff.png\"", "src=\"site-costs.png\"", "href=\"plan.json\"",
            "<td>s1</td>", "cost-benefit");

        JsonNode plan = new ObjectMapper().readTree(dir.resolve(HtmlReport.PLAN_JSON).toFile());
        assertThat(plan.get("sites")).hasSize(3);
        JsonNode s0 = plan.get("sites").get(0);
        assertThat(s0.get("site").asText()).isEqualTo("s0");
        assertThat(s0.get("approximation").asText()).isEqualTo("gelu.poly");
        assertThat(s0.get("knobs").get("order").asText())
            .isEqualTo(String.valueOf(report.chosen().assignment().choice(0)));
        assertThat(s0.get("predicted").get("rounds").asLong()).isEqualTo(report.plan().get(0).rounds());
        assertThat(plan.get("totals").get("predicted_seconds").asDouble()).isEqualTo(report.chosen().seconds());
        assertThat(plan.get("totals").get("site_rounds").asLong()).isEqualTo(
            report.plan().stream().mapToLong(SitePlan::rounds).sum());
        assertThat(plan.get("tuning").get("rtt_ms").asDouble()).isEqualTo(2.0);
        // the compiler reads the file back as the same plan
        assertThat(org.cryptorch.compile.PlanJson.read(dir.resolve(HtmlReport.PLAN_JSON)))
            .isEqualTo(PlanFile.plan(report));
    }

    private static int distinctColours(BufferedImage img) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                seen.add(img.getRGB(x, y));
            }
        }
        return seen.size();
    }
}
