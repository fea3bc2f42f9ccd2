package org.cryptorch.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.BlockingQueue;

/**
 * A started child process: its standard output is read line by line into an event queue, its standard error goes
 * to a file that is shown only when something fails, and its standard input stays open as its lifeline (a child
 * exits when it reads end of input, so it never outlives its parent).
 */
public final class ChildProcess {
    /** Printed by every JVM that uses the Vector API; says nothing about the failure. */
    private static final String INCUBATOR_NOTICE = "WARNING: Using incubator modules: jdk.incubator.vector\n";

    private final String name;
    private final Process process;
    private final Path stderrFile;
    private final Writer stdin;

    private ChildProcess(String name, Process process, Path stderrFile) {
        this.name = name;
        this.process = process;
        this.stderrFile = stderrFile;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    static ChildProcess start(String name, List<String> command, Path stderrFile, BlockingQueue<ChildEvent> events) {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectError(stderrFile.toFile()).start();
        } catch (IOException e) {
            throw new LaunchException("cannot start " + name + " (" + command.get(0) + "): " + e.getMessage(), e);
        }
        ChildProcess child = new ChildProcess(name, p, stderrFile);
        Thread reader = new Thread(() -> child.pump(events), name + "-stdout");
        reader.setDaemon(true);
        reader.start();
        return child;
    }

    /** Forwards output lines as events, then the exit once output has ended. */
    private void pump(BlockingQueue<ChildEvent> events) {
        try (BufferedReader out = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                events.add(new ChildEvent.Line(this, line));
            }
        } catch (IOException e) {
            // The pipe broke because the process is gone; its exit status says why.
        }
        try {
            events.add(new ChildEvent.Exit(this, process.waitFor()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String name() {
        return name;
    }

    /** Sends one line to the child's standard input. */
    public void send(String line) {
        try {
            stdin.write(line + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw new LaunchException("cannot write to " + name + " (has it died?): " + e.getMessage(), e);
        }
    }

    /** What the child wrote on standard error so far (its last {@code maxChars} characters). */
    public String stderr(int maxChars) {
        try {
            String s = Files.readString(stderrFile, StandardCharsets.UTF_8).replace(INCUBATOR_NOTICE, "");
            return s.length() <= maxChars ? s : "..." + s.substring(s.length() - maxChars);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the standard error of " + name, e);
        }
    }

    /** Waits up to {@code timeout} for the child to exit (after a kill, so its standard error file is complete). */
    public void awaitExit(Duration timeout) {
        try {
            process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the child and anything it started, without waiting. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
