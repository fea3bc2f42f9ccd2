package org.cryptorch.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/** Per-query statistics files: one JSON object per line, appended as each query completes. */
public final class JsonLines {
    private JsonLines() {
    }

    public static void append(Path file, Map<String, Object> fields) {
        try {
            Files.writeString(file, RunStats.JSON_LINE.writeValueAsString(fields) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }
}
