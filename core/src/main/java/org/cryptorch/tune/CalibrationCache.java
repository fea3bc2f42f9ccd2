package org.cryptorch.tune;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Keeps the compute calibration in a small file so the ~1 s measurement runs once per machine setup. The file name
 * carries the JDK version and core count, because both change the kernels' speed (vector width, thread count); a
 * different JDK or CPU allotment measures anew.
 */
public final class CalibrationCache {
    private final Path directory;
    private final String key;
    private final Supplier<ComputeCalibration> measurement;

    /**
     * @param directory   where cache files live
     * @param key         what the measurement depends on (see {@link #machineKey})
     * @param measurement runs when no cached value exists
     */
    public CalibrationCache(Path directory, String key, Supplier<ComputeCalibration> measurement) {
        this.directory = directory;
        this.key = key;
        this.measurement = measurement;
    }

    /**
     * The cache for this JVM and machine in the directory named by the system property {@value #DIRECTORY_PROPERTY}
     * (tests point it at prepared files), else {@code $XDG_CACHE_HOME/cryptorch}, else {@code ~/.cache/cryptorch}.
     */
    public static CalibrationCache forThisMachine() {
        String configured = System.getProperty(DIRECTORY_PROPERTY);
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path dir = configured != null ? Path.of(configured)
            : (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache"))
            .resolve("cryptorch");
        return new CalibrationCache(dir, machineKey(), ComputeBenchmark::measure);
    }

    public static final String DIRECTORY_PROPERTY = "cryptorch.cache.dir";

    /** JDK version and available cores, safe as a file-name part. */
    public static String machineKey() {
        String raw = "jdk" + Runtime.version() + "-" + Runtime.getRuntime().availableProcessors() + "cores";
        return raw.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    public Path file() {
        return directory.resolve("compute-" + key + ".properties");
    }

    /** The cached calibration, or a fresh measurement that is then cached. */
    public ComputeCalibration get() {
        Path file = file();
        if (Files.isRegularFile(file)) {
            ComputeCalibration cached = read(file);
            if (cached != null) {
                return cached;
            }
        }
        ComputeCalibration measured = measurement.get();
        try {
            write(file, measured);
        } catch (IOException e) {
            // a read-only home must not stop tuning: the next run just measures again
            System.err.println("warning: cannot cache the compute calibration in " + file + ": " + e.getMessage());
        }
        return measured;
    }

    /** Null when the file is unreadable or malformed: a broken cache is measured over, never trusted. */
    private static ComputeCalibration read(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
            return new ComputeCalibration(Double.parseDouble(p.getProperty("elementOpsPerSecond")),
                Double.parseDouble(p.getProperty("macsPerSecond")));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void write(Path file, ComputeCalibration c) throws IOException {
        Properties p = new Properties();
        p.setProperty("elementOpsPerSecond", Double.toString(c.elementOpsPerSecond()));
        p.setProperty("macsPerSecond", Double.toString(c.macsPerSecond()));
        Files.createDirectories(file.getParent());
        // write then rename, so a concurrent tuner never reads a half-written file
        Path tmp = Files.createTempFile(file.getParent(), "compute", ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp)) {
            p.store(w, "cryptorch compute calibration (delete to re-measure)");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
