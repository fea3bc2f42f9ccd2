package org.cryptorch.launch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Child processes that live and die together. Their events arrive on one queue; a child that exits with a non-zero
 * status, or before it was expected to, fails the group with a message naming it. Closing the group (or the JVM
 * shutting down) kills every child that is still running.
 */
public final class ProcessGroup implements AutoCloseable {
    private static final int STDERR_SHOWN = 4000;

    private final Path logDir;
    private final BlockingQueue<ChildEvent> events = new LinkedBlockingQueue<>();
    private final List<ChildProcess> children = new ArrayList<>();
    private final List<ChildProcess> finished = new ArrayList<>();
    private final Thread killer = new Thread(this::killAll, "kill-children");

    /** @param logDir where the children's standard error files go */
    public ProcessGroup(Path logDir) {
        this.logDir = logDir;
        Runtime.getRuntime().addShutdownHook(killer);
    }

    public synchronized ChildProcess start(String name, List<String> command) {
        ChildProcess c = ChildProcess.start(name, command, logDir.resolve(name + ".stderr"), events);
        children.add(c);
        return c;
    }

    /**
     * The next line any child prints. Children that exit cleanly are noted and skipped.
     *
     * @throws LaunchException if a child exits with a non-zero status, or nothing arrives before {@code deadline}
     */
    public ChildEvent.Line nextLine(long deadlineNanos, String waitingFor) {
        while (true) {
            ChildEvent e = poll(deadlineNanos, waitingFor);
            if (e instanceof ChildEvent.Line line) {
                return line;
            }
            ChildEvent.Exit exit = (ChildEvent.Exit) e;
            if (exit.status() != 0) {
                throw failure(exit.child().name() + " died (exit status " + exit.status() + ") while waiting for "
                    + waitingFor);
            }
            finished.add(exit.child());
            if (finished.size() == children.size()) {
                throw failure("every process exited while waiting for " + waitingFor);
            }
        }
    }

    /**
     * Waits until each of {@code children} has printed a {@code key VALUE} line (such as the port it listens on) and
     * returns the values; other lines are skipped.
     */
    public Map<ChildProcess, String> awaitReports(List<ChildProcess> from, String key, long deadlineNanos,
                                                  String waitingFor) {
        Map<ChildProcess, String> values = new HashMap<>();
        while (values.size() < from.size()) {
            ChildEvent.Line line = nextLine(deadlineNanos, waitingFor);
            if (from.contains(line.child()) && line.text().startsWith(key + " ")) {
                values.put(line.child(), line.text().substring(key.length() + 1));
            }
        }
        return values;
    }

    /** Waits until every child has exited with status 0. */
    public void awaitAllExited(long deadlineNanos) {
        while (finished.size() < children.size()) {
            ChildEvent e = poll(deadlineNanos, "the processes to finish");
            if (e instanceof ChildEvent.Exit exit) {
                if (exit.status() != 0) {
                    throw failure(exit.child().name() + " failed (exit status " + exit.status() + ")");
                }
                finished.add(exit.child());
            }
        }
    }

    private ChildEvent poll(long deadlineNanos, String waitingFor) {
        try {
            ChildEvent e = events.poll(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e == null) {
                throw failure("timed out waiting for " + waitingFor);
            }
            return e;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while waiting for " + waitingFor, ex);
        }
    }

    /**
     * A failure of the group: kills the children, then builds a message with the reason and every child's standard
     * error, so the first process to die can be told from those that only lost their peer.
     */
    private LaunchException failure(String reason) {
        killAll();
        StringBuilder msg = new StringBuilder(reason);
        for (ChildProcess c : children) {
            c.awaitExit(Duration.ofSeconds(2));
            String err = c.stderr(STDERR_SHOWN);
            if (!err.isBlank()) {
                msg.append("\n--- standard error of ").append(c.name()).append(" ---\n").append(err.strip());
            }
        }
        return new LaunchException(msg.toString());
    }

    private synchronized void killAll() {
        children.forEach(ChildProcess::kill);
    }

    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and the hook is running or has run.
        }
    }
}
