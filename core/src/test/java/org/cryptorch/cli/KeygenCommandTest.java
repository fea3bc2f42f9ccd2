package org.cryptorch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class KeygenCommandTest {
    @TempDir
    Path dir;

    @Test
    void defaultsToTheThreeIdentitiesAndLocalhost() {
        KeygenCommand cmd = new KeygenCommand();
        new CommandLine(cmd).parseArgs("--out", "x");
        assertThat(cmd.names).containsExactly("party0", "party1", "dealer");
        assertThat(cmd.host).isEqualTo("localhost");
        assertThat(cmd.force).isFalse();
    }

    @Test
    void writesKeysAndRefusesToOverwriteWithoutForce() throws Exception {
        Path out = dir.resolve("keys");
        assertThat(Main.run("keygen", "--out", out.toString(), "--names", "dealer")).isZero();
        assertThat(listing(out)).containsExactly("dealer.crt", "dealer.p12", "dealer.pass");
        byte[] cert = Files.readAllBytes(out.resolve("dealer.crt"));

        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true));
        int status;
        try {
            status = Main.run("keygen", "--out", out.toString(), "--names", "dealer");
        } finally {
            System.setErr(oldErr);
        }
        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("cryptorch: " + out.resolve("dealer.p12")
            + " already exists (use --force to overwrite)" + System.lineSeparator());
        assertThat(Files.readAllBytes(out.resolve("dealer.crt"))).isEqualTo(cert);

        assertThat(Main.run("keygen", "--out", out.toString(), "--names", "dealer", "--force")).isZero();
        assertThat(Files.readAllBytes(out.resolve("dealer.crt"))).isNotEqualTo(cert);
        assertThat(listing(out)).containsExactly("dealer.crt", "dealer.p12", "dealer.pass");
    }

    private static List<String> listing(Path d) throws Exception {
        try (var s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
