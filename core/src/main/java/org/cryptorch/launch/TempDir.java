package org.cryptorch.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A temporary directory (throw-away certificates, child logs) deleted with everything in it on close, or when the
 * JVM exits first (Ctrl-C, a kill signal): throw-away keys must not outlive the run.
 */
public final class TempDir implements AutoCloseable {
    private final Path path;
    private final Thread onExit = new Thread(this::deleteQuietly, "temp-dir-cleanup");

    private TempDir(Path path) {
        this.path = path;
    }

    public static TempDir create(String prefix) throws IOException {
        TempDir dir = new TempDir(Files.createTempDirectory(prefix));
        Runtime.getRuntime().addShutdownHook(dir.onExit);
        return dir;
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException e) {
            // the JVM is exiting: the hook deletes the directory, or this call does
        }
        delete();
    }

    private void deleteQuietly() {
        try {
            delete();
        } catch (IOException e) {
            // exiting anyway; nothing more can be done
        }
    }

    private void delete() throws IOException {
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
