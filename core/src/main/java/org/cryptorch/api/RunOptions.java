package org.cryptorch.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.cryptorch.compile.Ownership;
import org.cryptorch.compile.ProgramFingerprint;
import org.cryptorch.launch.KeyValueArgs;
import org.cryptorch.net.NetConfig;

/**
 * Everything a private run needs besides the network: the model, where the input comes from and the output goes,
 * the approximation plan, the batch size, who owns what, and the statistics file.
 *
 * @param inputs  the input file (.npy), read by the input owner only; its first dimension indexes samples
 * @param output  where the output owner writes the outputs (.npy), atomically
 * @param batch   samples per batch; 0: the model's fixed batch if its input declares one, else all samples
 * @param stats   where party 0 writes the run's statistics (JSON), or null
 * @param calib   public calibration samples (.npy) for comparison widths, read by both parties, or null
 * @param timeout longest wait for any single step (connecting, a message from a peer, a process to finish)
 */
public record RunOptions(Path model, Path inputs, Path output, PlanChoice plan, int batch, Path stats,
                         Ownership owners, Path calib, boolean quiet, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);

    public RunOptions {
        if (batch < 0) {
            throw new IllegalArgumentException("--batch must be 0 (the default batch) or positive, got " + batch);
        }
        NetConfig.checkTimeout("--timeout", timeout);
    }

    /** Default options: profile {@code default}, one batch, party 0 owns input and output, party 1 the weights. */
    public static RunOptions of(Path model, Path inputs, Path output) {
        return new RunOptions(model, inputs, output, PlanChoice.profile(PlanChoice.DEFAULT_PROFILE), 0, null,
            Ownership.defaults(), null, false, DEFAULT_TIMEOUT);
    }

    public RunOptions withPlan(PlanChoice p) {
        return new RunOptions(model, inputs, output, p, batch, stats, owners, calib, quiet, timeout);
    }

    public RunOptions withBatch(int n) {
        return new RunOptions(model, inputs, output, plan, n, stats, owners, calib, quiet, timeout);
    }

    public RunOptions withStats(Path file) {
        return new RunOptions(model, inputs, output, plan, batch, file, owners, calib, quiet, timeout);
    }

    public RunOptions withOwners(Ownership o) {
        return new RunOptions(model, inputs, output, plan, batch, stats, o, calib, quiet, timeout);
    }

    public RunOptions withTimeout(Duration t) {
        return new RunOptions(model, inputs, output, plan, batch, stats, owners, calib, quiet, t);
    }

    public RunOptions withCalibration(Path file) {
        return new RunOptions(model, inputs, output, plan, batch, stats, owners, file, quiet, timeout);
    }

    /** The same options with every path made absolute, so child processes find the files wherever they run. */
    public RunOptions absolute() {
        return new RunOptions(abs(model), abs(inputs), abs(output),
            plan.planFile() == null ? plan : PlanChoice.plan(abs(plan.planFile())), batch, abs(stats), owners,
            abs(calib), quiet, timeout);
    }

    List<String> toArgs() {
        return new KeyValueArgs.Builder().put("model", model).put("inputs", inputs).put("output", output)
            .put("profile", plan.profile()).put("plan", plan.planFile()).put("batch", batch).put("stats", stats)
            .put("input-owner", owners.defaultInputOwner()).put("weights-owner", weightsOwnerText(owners))
            .put("output-owner", owners.defaultOutputReceiver()).put("calib", calib).put("quiet", quiet)
            .put("timeout", timeout.toMillis())
            .build();
    }

    static RunOptions fromArgs(KeyValueArgs a) {
        return new RunOptions(path(a.get("model")), path(a.get("inputs")), path(a.get("output")),
            PlanChoice.of(path(a.get("plan")), a.get("profile").isEmpty() ? null : a.get("profile")),
            Integer.parseInt(a.get("batch")), path(a.get("stats")),
            owners(Integer.parseInt(a.get("input-owner")), a.get("weights-owner"),
                Integer.parseInt(a.get("output-owner"))), path(a.get("calib")),
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
            setting("input owner", String.valueOf(owners.defaultInputOwner())),
            setting("weights owner", weightsOwnerText(owners)),
            setting("output owner", String.valueOf(owners.defaultOutputReceiver())),
            setting("fractional bits", String.valueOf(fractionalBits)));
    }

    private static ProgramFingerprint.Setting setting(String name, String value) {
        return new ProgramFingerprint.Setting(name, value);
    }

    /**
     * Ownership from the command-line values: the weights owner is {@code 1}, {@code 0} or {@code public}, and a
     * party cannot own both the input and the weights (it would compute alone).
     */
    public static Ownership owners(int inputOwner, String weightsOwner, int outputOwner) {
        int weights = switch (weightsOwner) {
            case "public" -> Ownership.PUBLIC;
            case "0" -> 0;
            case "1" -> 1;
            default -> throw new IllegalArgumentException("--weights-owner must be 1, 0 or public, got '"
                + weightsOwner + "'");
        };
        if (weights == inputOwner) {
            throw new IllegalArgumentException("--weights-owner " + weights + " is also the input owner: the weights "
                + "must belong to the other party or be public");
        }
        return Ownership.of(inputOwner, weights, outputOwner);
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
