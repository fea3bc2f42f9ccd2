package org.cryptorch.testdata;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Locates test data outside the repository: the team's {@code shared/models} (beside the repo clone in CI, found by
 * walking up from the working directory) and Debian's {@code libonnx-testdata}. Tests skip when absent.
 */
public final class TestData {
    public static final Path LIBONNX = Path.of("/usr/share/libonnx-testdata/data");

    private TestData() {
    }

    public static Optional<Path> sharedModels() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/models");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public static Optional<Path> libonnx() {
        return Files.isDirectory(LIBONNX) ? Optional.of(LIBONNX) : Optional.empty();
    }
}
