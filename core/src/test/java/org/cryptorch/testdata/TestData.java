package org.cryptorch.testdata;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Locates test data outside the repository: the team's {@code shared/models} and Debian's {@code libonnx-testdata}.
 * Tests skip when absent.
 */
public final class TestData {
    public static final Path LIBONNX = Path.of("/usr/share/libonnx-testdata/data");

    private TestData() {
    }

    /**
     * The team's models: {@code $CRYPTORCH_SHARED_MODELS} if set, else {@code shared/models} in the working
     * directory or an ancestor (the checkout beside {@code shared/}), else the team machines' {@code /work/shared}.
     */
    public static Optional<Path> sharedModels() {
        String env = System.getenv("CRYPTORCH_SHARED_MODELS");
        if (env != null && !env.isBlank()) {
            return Files.isDirectory(Path.of(env)) ? Optional.of(Path.of(env)) : Optional.empty();
        }
        Path teamCopy = Path.of("/work/shared/models");
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/models");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Files.isDirectory(teamCopy) ? Optional.of(teamCopy) : Optional.empty();
    }

    public static Optional<Path> libonnx() {
        return Files.isDirectory(LIBONNX) ? Optional.of(LIBONNX) : Optional.empty();
    }
}
