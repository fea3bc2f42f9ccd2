package org.cryptorch.api;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The files of a model's inputs or outputs (.npy, samples along the first dimension), as a user names them: one
 * unnamed file for a model's only input (or output), or one {@code NAME=FILE} per input (output) name. Resolved
 * against the model's names, which the files must match exactly.
 */
public final class NamedFiles {
    public static final NamedFiles NONE = new NamedFiles(Map.of());
    /** The key of an unnamed file: the model's only input or output, whatever its name. */
    private static final String ONLY = "";
    /** Separates the entries of {@link #encode} (a line break: not in file names one passes on a command line). */
    private static final String SEPARATOR = "\n";

    private final Map<String, Path> files;

    private NamedFiles(Map<String, Path> files) {
        this.files = files;
    }

    /** One unnamed file (null: none). */
    public static NamedFiles of(Path file) {
        return file == null ? NONE : new NamedFiles(Map.of(ONLY, file));
    }

    /** One file per name, in the given order. */
    public static NamedFiles of(Map<String, Path> byName) {
        return new NamedFiles(new LinkedHashMap<>(byName));
    }

    /**
     * Parses the values of a command-line {@code option}: a single {@code FILE}, or {@code NAME=FILE} entries with
     * distinct names. The name ends at the first {@code =}.
     */
    public static NamedFiles parse(String option, List<String> specs) {
        if (specs == null || specs.isEmpty()) {
            return NONE;
        }
        Map<String, Path> m = new LinkedHashMap<>();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            String name = eq < 0 ? ONLY : spec.substring(0, eq);
            if (eq < 0 ? specs.size() > 1 : name.isEmpty()) {
                throw new IllegalArgumentException(option + ": give one FILE for a model's only "
                    + "input or output, or NAME=FILE for each name, got " + String.join(" ", specs));
            }
            if (m.put(name, Path.of(spec.substring(eq + 1))) != null) {
                throw new IllegalArgumentException(option + " names '" + name + "' twice");
            }
        }
        return new NamedFiles(m);
    }

    public boolean isEmpty() {
        return files.isEmpty();
    }

    public Collection<Path> paths() {
        return files.values();
    }

    /** The files' names, for messages about their contents (one file: its name). */
    public static String describe(Map<String, Path> files) {
        return files.values().stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", "));
    }

    /** Each file with a label for messages: {@code option} itself for an unnamed file, else {@code option NAME}. */
    Map<String, Path> labelled(String option) {
        Map<String, Path> out = new LinkedHashMap<>();
        files.forEach((name, p) -> out.put(name.equals(ONLY) ? option : option + " " + name, p));
        return out;
    }

    /**
     * The file of each of {@code needed} (the names this process reads or writes, among the model's
     * {@code all} {@code kind}s, e.g. inputs), by name; files of other names of the model are another process's.
     * An unnamed file serves a model with one input (output); a name missing or unknown fails in one line naming it.
     */
    Map<String, Path> resolve(String option, String kind, String model, List<String> all, List<String> needed) {
        if (files.containsKey(ONLY)) {
            if (all.size() != 1) {
                throw new IllegalArgumentException(model + " has " + all.size() + " " + kind + "s (" + String.join(", ",
                    all) + "): give " + option + " NAME=FILE for each");
            }
            return needed.isEmpty() ? Map.of() : Map.of(all.get(0), files.get(ONLY));
        }
        for (String name : files.keySet()) {
            if (!all.contains(name)) {
                throw new IllegalArgumentException(option + " names '" + name + "', which is no " + kind + " of "
                    + model + " (its " + kind + "s: " + String.join(", ", all) + ")");
            }
        }
        Map<String, Path> out = new LinkedHashMap<>();
        for (String name : needed) {
            Path p = files.get(name);
            if (p == null) {
                throw new IllegalArgumentException("missing " + option + (all.size() == 1 ? " FILE" : " " + name
                    + "=FILE") + " for " + kind + " '" + name + "' of " + model);
            }
            out.put(name, p);
        }
        return out;
    }

    NamedFiles absolute() {
        Map<String, Path> out = new LinkedHashMap<>();
        files.forEach((name, p) -> out.put(name, p.toAbsolutePath()));
        return new NamedFiles(out);
    }

    /** The files as one line-separated text of {@code NAME=FILE} entries (a bare {@code FILE} when unnamed). */
    String encode() {
        return files.entrySet().stream().map(e -> e.getKey().equals(ONLY) ? e.getValue().toString()
            : e.getKey() + "=" + e.getValue()).collect(Collectors.joining(SEPARATOR));
    }

    static NamedFiles decode(String option, String text) {
        return text.isEmpty() ? NONE : parse(option, List.of(text.split(SEPARATOR)));
    }

    @Override
    public String toString() {
        return encode().replace(SEPARATOR, " ");
    }
}
