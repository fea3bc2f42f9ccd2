package org.cryptorch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./cryptorch} launcher as users run it: the JVM's own "Using incubator modules" notice never reaches them,
 * while our messages and exit statuses pass through unchanged. The script runs from a copy of the repository's
 * launcher whose jar is a manifest pointing at this test's class path, so no build is needed.
 */
class LauncherScriptTest {
    @TempDir
    Path root;

    @Test
    @Timeout(120)
    void theJvmsIncubatorNoticeIsDroppedAndEverythingElsePassesThrough() throws Exception {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        Files.createDirectories(root.resolve("scripts"));
        Files.copy(repo.resolve("cryptorch"), root.resolve("cryptorch"));
        Files.copy(repo.resolve("scripts/find-jdk.sh"), root.resolve("scripts/find-jdk.sh"));
        writeClassPathJar(root.resolve("core/target/cryptorch-all.jar"));

        Launch version = launch("--version");
        assertThat(version.status).isZero();
        assertThat(version.out).startsWith("cryptorch ");
        assertThat(version.err).isEmpty();

        Launch missing = launch("run", "missing.onnx", "--inputs", "x.npy", "--output", "y.npy");
        assertThat(missing.status).isEqualTo(1);
        assertThat(missing.err).doesNotContain("WARNING").contains("missing.onnx");
        assertThat(missing.err.strip().lines()).hasSize(1);
    }

    private record Launch(int status, String out, String err) {
    }

    private Launch launch(String... args) throws IOException, InterruptedException {
        Path out = root.resolve("out.txt");
        Path err = root.resolve("err.txt");
        List<String> command = Stream.concat(Stream.of("bash", root.resolve("cryptorch").toString()), Stream.of(args))
            .toList();
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile())
            .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        int status = pb.start().waitFor();
        return new Launch(status, Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    }

    /** A jar holding only a manifest whose Class-Path is this JVM's class path, standing in for the shaded jar. */
    private static void writeClassPathJar(Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        String classPath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(entry -> Path.of(entry).toAbsolutePath().toUri().toString())
            .collect(Collectors.joining(" "));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(file,
            manifest)) {
            // the manifest is the whole content
        }
    }
}
