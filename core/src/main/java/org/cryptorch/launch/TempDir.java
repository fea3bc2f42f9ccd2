package org.cryptorch.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary directory (throw-away certificates, child logs) deleted with everything in it on close. */
public final class TempDir implements AutoCloseable {
    private final Path path;

    private TempDir(Path path) {
        this.path = path;
    }

    public static TempDir create(String prefix) throws IOException {
        return new TempDir(Files.createTempDirectory(prefix));
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
