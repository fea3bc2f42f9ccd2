package org.cryptorch.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.cryptorch.compile.Ownership;
import org.cryptorch.compile.ProgramFingerprint;
import org.cryptorch.launch.KeyValueArgs;
import org.cryptorch.net.NetConfig;

/**
 * Everything a private run needs besides the network: the model, where the inputs come from and the outputs go,
 * the approximation plan, the batch size, who owns what, and the statistics file.
 *
 * @param inputs  the input files (.npy; one per input name, or one for a model's only input), each read by its
 *                input's owner only; the first dimension indexes samples
 * @param outputs where each output's receiver writes it (.npy; one per output name, or one for a model's only
 *                output), all at once and atomically
 * @param batch   samples per batch; 0: the model's fixed batch if an input declares one, else all samples
 * @param publicInputs inputs both parties learn (e.g. an attention mask): the driving party (the default input
 *                owner) reads their files and sends their values in the clear, and each distinct value compiles
 *                into a program of its own as a constant
 * @param stats   where party 0 writes the run's statistics (JSON), or null
 * @param calib   public calibration samples (.npy, named as the inputs) for comparison widths, read by the party
 *                holding the model, or none
 * @param timeout longest wait for any single step (connecting, a message from a peer, a process to finish)
 */
public record RunOptions(Path model, NamedFiles inputs, NamedFiles outputs, PlanChoice plan, int batch, Path stats,
                         Ownership owners, Set<String> publicInputs, NamedFiles calib, boolean quiet,
                         Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);
    /** Separates list entries in a child's argument (a line break: no input name or path has one). */
    private static final String LIST = "\n";

    public RunOptions {
        inputs = inputs == null ? NamedFiles.NONE : inputs;
        outputs = outputs == null ? NamedFiles.NONE : outputs;
        calib = calib == null ? NamedFiles.NONE : calib;
        publicInputs = publicInputs == null ? Set.of() : Set.copyOf(publicInputs);
        if (batch < 0) {
            throw new IllegalArgumentException("--batch must be 0 (the default batch) or positive, got " + batch);
        }
        NetConfig.checkTimeout("--timeout", timeout);
    }

    /** Default options: profile {@code default}, one batch, party 0 owns input and output, party 1 the weights. */
    public static RunOptions of(Path model, Path inputs, Path output) {
        return of(model, NamedFiles.of(inputs), NamedFiles.of(output));
    }

    /** Default options for a model's named inputs and outputs. */
    public static RunOptions of(Path model, NamedFiles inputs, NamedFiles outputs) {
        return new RunOptions(model, inputs, outputs, PlanChoice.profile(PlanChoice.DEFAULT_PROFILE), 0, null,
            Ownership.defaults(), Set.of(), NamedFiles.NONE, false, DEFAULT_TIMEOUT);
    }

    public RunOptions withPlan(PlanChoice p) {
        return new RunOptions(model, inputs, outputs, p, batch, stats, owners, publicInputs, calib, quiet, timeout);
    }

    public RunOptions withBatch(int n) {
        return new RunOptions(model, inputs, outputs, plan, n, stats, owners, publicInputs, calib, quiet, timeout);
    }

    public RunOptions withStats(Path file) {
        return new RunOptions(model, inputs, outputs, plan, batch, file, owners, publicInputs, calib, quiet, timeout);
    }

    public RunOptions withOwners(Ownership o) {
        return new RunOptions(model, inputs, outputs, plan, batch, stats, o, publicInputs, calib, quiet, timeout);
    }

    public RunOptions withPublicInputs(Set<String> names) {
        return new RunOptions(model, inputs, outputs, plan, batch, stats, owners, names, calib, quiet, timeout);
    }

    public RunOptions withQuiet(boolean q) {
        return new RunOptions(model, inputs, outputs, plan, batch, stats, owners, publicInputs, calib, q, timeout);
    }

    public RunOptions withTimeout(Duration t) {
        return new RunOptions(model, inputs, outputs, plan, batch, stats, owners, publicInputs, calib, quiet, t);
    }

    public RunOptions withCalibration(NamedFiles files) {
        return new RunOptions(model, inputs, outputs, plan, batch, stats, owners, publicInputs, files, quiet, timeout);
    }

    /**
     * The files of the inputs {@code id} reads, by input name (checked against the model's inputs): the secret inputs
     * it owns and, at the driving party (the default input owner), the public inputs.
     */
    Map<String, Path> inputFilesOf(int id, Model m) {
        return inputFiles(m, name -> publicInputs.contains(name) ? id == owners.defaultInputOwner()
            : owners.ownerOfInput(name) == id);
    }

    /** Fails, naming it, on a public input that is no input of {@code m}. */
    public void checkPublicInputs(Model m) {
        for (String name : publicInputs) {
            if (!m.inputNames().contains(name)) {
                throw new IllegalArgumentException("--public-input '" + name + "' is no input of " + m.name()
                    + " (its inputs: " + String.join(", ", m.inputNames()) + ")");
            }
        }
    }

    private String publicInputsText() {
        return String.join(LIST, new TreeSet<>(publicInputs));
    }

    /** The files of every input, by input name (a process that checks all inputs before the parties start). */
    public Map<String, Path> inputFiles(Model m) {
        return inputFiles(m, name -> true);
    }

    /** The files of the outputs {@code id} receives, by output name (checked against the model's outputs). */
    Map<String, Path> outputFilesOf(int id, Model m) {
        return outputFiles(m, name -> owners.receiverOfOutput(name) == id);
    }

    /** The files of every output, by output name. */
    public Map<String, Path> outputFiles(Model m) {
        return outputFiles(m, name -> true);
    }

    private Map<String, Path> inputFiles(Model m, Predicate<String> wanted) {
        return inputs.resolve("--inputs", "input", m.name(), m.inputNames(),
            m.inputNames().stream().filter(wanted).toList());
    }

    private Map<String, Path> outputFiles(Model m, Predicate<String> wanted) {
        return outputs.resolve("--output", "output", m.name(), m.outputNames(),
            m.outputNames().stream().filter(wanted).toList());
    }

    /** The same options with every path made absolute, so child processes find the files wherever they run. */
    public RunOptions absolute() {
        return new RunOptions(abs(model), inputs.absolute(), outputs.absolute(),
            plan.planFile() == null ? plan : PlanChoice.plan(abs(plan.planFile())), batch, abs(stats), owners,
            publicInputs, calib.absolute(), quiet, timeout);
    }

    List<String> toArgs() {
        return new KeyValueArgs.Builder().put("model", model).put("inputs", inputs.encode())
            .put("output", outputs.encode())
            .put("profile", plan.profile()).put("plan", plan.planFile()).put("batch", batch).put("stats", stats)
            .put("input-owner", String.join(LIST, inputOwnersText(owners)))
            .put("weights-owner", weightsOwnerText(owners))
            .put("output-owner", owners.defaultOutputReceiver()).put("public-inputs", publicInputsText())
            .put("calib", calib.encode()).put("quiet", quiet)
            .put("timeout", timeout.toMillis())
            .build();
    }

    static RunOptions fromArgs(KeyValueArgs a) {
        return new RunOptions(path(a.get("model")), NamedFiles.decode("--inputs", a.get("inputs")),
            NamedFiles.decode("--output", a.get("output")),
            PlanChoice.of(path(a.get("plan")), a.get("profile").isEmpty() ? null : a.get("profile")),
            Integer.parseInt(a.get("batch")), path(a.get("stats")),
            owners(List.of(a.get("input-owner").split(LIST)), a.get("weights-owner"),
                Integer.parseInt(a.get("output-owner"))),
            a.get("public-inputs").isEmpty() ? Set.of() : Set.of(a.get("public-inputs").split(LIST)),
            NamedFiles.decode("--calib", a.get("calib")),
            Boolean.parseBoolean(a.get("quiet")), Duration.ofMillis(Long.parseLong(a.get("timeout"))));
    }

    /**
     * The settings both parties must agree on, by content, before anything is compiled: the model's structure (not
     * its weights: a public export agrees with the full model), batch, ownership and the fixed-point bits. The plan
     * and calibration are not among them: the party holding the model compiles with them and sends the other its
     * plan; the compiled program's hash then joins these settings per input shape ({@link ProgramFingerprint}).
     */
    List<ProgramFingerprint.Setting> settings(Model m, int fractionalBits) {
        return List.of(setting("model", "structure " + m.structureHash()), setting("batch", String.valueOf(batch)),
            setting("input owner", String.join(" ", inputOwnersText(owners))),
            setting("weights owner", weightsOwnerText(owners)),
            setting("output owner", String.valueOf(owners.defaultOutputReceiver())),
            setting("public inputs", publicInputsText().replace(LIST, " ")),
            setting("fractional bits", String.valueOf(fractionalBits)));
    }

    private static ProgramFingerprint.Setting setting(String name, String value) {
        return new ProgramFingerprint.Setting(name, value);
    }

    /**
     * Ownership from the command-line values: input owners as {@code PARTY} (every input not named otherwise;
     * default 0) and {@code NAME=PARTY} entries; the weights owner {@code 1}, {@code 0} or {@code public}. A party
     * cannot own every input and the weights (it would compute alone).
     */
    public static Ownership owners(List<String> inputOwners, String weightsOwner, int outputOwner) {
        int weights = switch (weightsOwner) {
            case "public" -> Ownership.PUBLIC;
            case "0" -> 0;
            case "1" -> 1;
            default -> throw new IllegalArgumentException("--weights-owner must be 1, 0 or public, got '"
                + weightsOwner + "'");
        };
        Integer byDefault = null;
        Map<String, Integer> named = new LinkedHashMap<>();
        for (String spec : inputOwners) {
            int eq = spec.indexOf('=');
            int party = party("--input-owner", spec.substring(eq + 1));
            if (eq < 0 ? byDefault != null : named.put(spec.substring(0, eq), party) != null) {
                throw new IllegalArgumentException("--input-owner " + spec + ": that owner is given twice");
            }
            if (eq < 0) {
                byDefault = party;
            }
        }
        int defaultOwner = byDefault == null ? 0 : byDefault;
        if (weights == defaultOwner && !named.containsValue(1 - weights)) {
            throw new IllegalArgumentException("--weights-owner " + weights + " is also the input owner: the weights "
                + "must belong to the other party or be public");
        }
        return new Ownership(defaultOwner, named, weights, outputOwner, Map.of());
    }

    private static int party(String option, String text) {
        return switch (text) {
            case "0" -> 0;
            case "1" -> 1;
            default -> throw new IllegalArgumentException(option + " must be 0 or 1, got '" + text + "'");
        };
    }

    /** The input owners as {@link #owners} takes them: the default, then each named input's owner. */
    static List<String> inputOwnersText(Ownership o) {
        List<String> out = new ArrayList<>();
        out.add(String.valueOf(o.defaultInputOwner()));
        new TreeMap<>(o.inputOwners()).forEach((name, party) -> out.add(name + "=" + party));
        return out;
    }

    static String weightsOwnerText(Ownership o) {
        return o.weightsPublic() ? "public" : String.valueOf(o.weightOwner());
    }

    private static Path path(String text) {
        return text.isEmpty() ? null : Path.of(text);
    }

    private static Path abs(Path p) {
        return p == null ? null : p.toAbsolutePath();
    }
}
