package org.cryptorch.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A child's side of the line protocol with its parent: it reports on standard output and reads on standard input.
 * Once the child has read what it needs it calls {@link #exitWhenOrphaned}, so it exits as soon as its parent is gone
 * (standard input ends) even if the parent was killed without running its shutdown hooks.
 */
public final class ParentLink {
    private final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    private final PrintStream out;

    public ParentLink(PrintStream out) {
        this.out = out;
    }

    /** Prints {@code key value} for the parent. */
    public synchronized void report(String key, String value) {
        out.println(key + " " + value);
        out.flush();
    }

    /** Reads the parent's next line, which must be {@code key value}, and returns the value. */
    public String expect(String key) throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new IOException("the parent process went away before sending '" + key + "'");
        }
        if (!line.startsWith(key + " ")) {
            throw new IOException("expected '" + key + " ...' from the parent, got '" + line + "'");
        }
        return line.substring(key.length() + 1);
    }

    /** Starts a daemon thread that halts this JVM when standard input ends. */
    public void exitWhenOrphaned() {
        Thread t = new Thread(() -> {
            try {
                while (in.read() >= 0) {
                    // Nothing more is expected from the parent; only the end of input matters.
                }
            } catch (IOException e) {
                // A broken pipe means the same as end of input.
            }
            System.err.println("parent process is gone; exiting");
            Runtime.getRuntime().halt(3);
        }, "orphan-watch");
        t.setDaemon(true);
        t.start();
    }
}
