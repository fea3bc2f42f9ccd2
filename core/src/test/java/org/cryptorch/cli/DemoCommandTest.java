package org.cryptorch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's first command: the bundled model, privately, between three local processes. */
class DemoCommandTest {
    private static final Pattern ACCURACY = Pattern.compile("accuracy: private ([0-9.]+)%, float ([0-9.]+)%");

    @Test
    @Timeout(120)
    void theDemoClassifiesAsAccuratelyAsTheFloatModel() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int status;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            status = Main.run("demo", "--quiet");
        } finally {
            System.setOut(old);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(printed).isZero();
        Matcher m = ACCURACY.matcher(printed);
        assertThat(m.find()).as(printed).isTrue();
        double privateAccuracy = Double.parseDouble(m.group(1));
        double floatAccuracy = Double.parseDouble(m.group(2));
        assertThat(floatAccuracy).isGreaterThan(80);
        assertThat(privateAccuracy).isCloseTo(floatAccuracy, org.assertj.core.data.Offset.offset(1.0));
        assertThat(printed).containsPattern("online: [0-9.]+ s, [1-9][0-9]* rounds, [0-9.]+ MB sent per party");
    }
}
