package org.cryptorch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cryptorch.cli.approx.ApproximationTable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ApproximationsCommandTest {
    private static final List<String> BUILTINS = List.of("exp.limit", "exp.negative", "reciprocal.newton",
        "reciprocal.positive", "reciprocal.goldschmidt", "rsqrt.newton", "rsqrt.normalized", "sqrt.rsqrt",
        "log.householder", "log.normalized", "softmax.shifted", "maskedsoftmax.shifted", "logsoftmax.shifted",
        "layernorm.rsqrt", "reducemax.tree", "maxpool.tree", "relu.ltz");

    private static String run(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new java.io.PrintWriter(out));
        assertThat(cl.execute(args)).isZero();
        return out.toString();
    }

    @Test
    void everyBuiltinIsListedWithinToleranceWithItsCostEstimate() {
        String out = run("approximations");
        assertThat(out).startsWith(ApproximationTable.HEADER).contains("float").contains("ESTIMATE");
        for (String name : BUILTINS) {
            String line = out.lines().filter(l -> l.startsWith(name + " ")).findFirst().orElseThrow();
            assertThat(line).as(name).contains("(ok,").containsPattern("rounds [1-9]");
        }
    }

    /** docs/approximations.md must hold the current table (see the doc for how to regenerate it). */
    @Test
    void docsHoldTheCurrentMarkdownTable() throws IOException {
        Path doc = Path.of(System.getProperty("user.dir")).resolveSibling("docs").resolve("approximations.md");
        String text = Files.readString(doc);
        List<String> rows = run("approximations", "--markdown").lines().filter(l -> l.startsWith("| `")).toList();
        for (String name : BUILTINS) {
            String row = rows.stream().filter(l -> l.startsWith("| `" + name + "`")).findFirst().orElseThrow();
            assertThat(text).as("row of " + name + " in " + doc).contains(row);
        }
    }
}
