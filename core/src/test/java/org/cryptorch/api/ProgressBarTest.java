package org.cryptorch.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void aBarAppearsAfterTheDelayAndEndsWithItsLine() throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Progress bar = Progress.bar(new PrintStream(out, true, StandardCharsets.UTF_8), "run", 0);
        bar.update(1, 4);
        Thread.sleep(120);
        bar.update(4, 4);
        String shown = out.toString(StandardCharsets.UTF_8);
        assertThat(shown).startsWith("\rrun [#######.......................]  25%")
            .contains("\rrun [##############################] 100%").endsWith(System.lineSeparator());
    }

    @Test
    void aRunShorterThanTheDelayShowsNothing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Progress bar = Progress.bar(new PrintStream(out, true, StandardCharsets.UTF_8), "run", 60_000);
        bar.update(1, 2);
        bar.update(2, 2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
