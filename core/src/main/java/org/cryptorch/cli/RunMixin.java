package org.cryptorch.cli;

import java.nio.file.Path;
import org.cryptorch.api.PlanChoice;
import org.cryptorch.api.Progress;
import org.cryptorch.api.RunOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The model, data and ownership options shared by {@code run}, {@code party} and {@code simulate}. */
final class RunMixin {
    @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "the model (one input, one output)")
    Path model;

    @Option(names = "--inputs", paramLabel = "X.npy",
        description = "input samples (read by the input owner); the first dimension indexes samples")
    Path inputs;

    @Option(names = "--output", paramLabel = "Y.npy",
        description = "where the output owner writes the outputs, in sample order (atomically: no partial file)")
    Path output;

    @Mixin
    CompileChoices compile;

    @Option(names = "--stats", paramLabel = "S.json",
        description = "write {online_seconds, offline_seconds, rounds, bytes_per_party, offline_bytes, "
            + "per_op: [{op, site, rounds, bytes, seconds}]} (written by party 0)")
    Path stats;

    @Option(names = "--input-owner", defaultValue = "0", paramLabel = "0|1",
        description = "party that supplies the input (default: ${DEFAULT-VALUE})")
    int inputOwner;

    @Option(names = "--weights-owner", defaultValue = "1", paramLabel = "1|public",
        description = "party that holds the weights, or public (default: ${DEFAULT-VALUE})")
    String weightsOwner;

    @Option(names = "--output-owner", defaultValue = "0", paramLabel = "0|1",
        description = "party that receives the output (default: ${DEFAULT-VALUE})")
    int outputOwner;

    @Mixin
    BatchAndProgressOptions batching;

    PlanChoice planChoice() {
        return compile.planChoice();
    }

    /** The options of a run; {@code needInputs} and {@code needOutput} say whether this process reads or writes. */
    RunOptions options(boolean needInputs, boolean needOutput) {
        if (needInputs && inputs == null) {
            throw new IllegalArgumentException("missing --inputs X.npy");
        }
        if (needOutput && output == null) {
            throw new IllegalArgumentException("missing --output Y.npy");
        }
        return new RunOptions(model, inputs, output, planChoice(), batching.batch, stats,
            RunOptions.owners(inputOwner, weightsOwner, outputOwner), compile.calib, batching.quiet, RunOptions.DEFAULT_TIMEOUT);
    }

    Progress progress(String what) {
        return batching.progress(what);
    }
}
