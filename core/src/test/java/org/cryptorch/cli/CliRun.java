package org.cryptorch.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the CLI in this JVM and captures its exit status and standard error. */
record CliRun(int status, String err) {
    static CliRun of(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int status;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            status = Main.run(args);
        } finally {
            System.setErr(old);
        }
        return new CliRun(status, err.toString(StandardCharsets.UTF_8));
    }
}
