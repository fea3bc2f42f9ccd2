package org.cryptorch.cli;

import java.nio.file.Path;
import java.util.List;
import org.cryptorch.api.NamedFiles;
import org.cryptorch.api.PlanChoice;
import org.cryptorch.api.Progress;
import org.cryptorch.api.RunOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The model, data and ownership options shared by {@code run}, {@code party} and {@code simulate}. */
final class RunMixin {
    @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "the model")
    Path model;

    @Option(names = "--inputs", paramLabel = "[NAME=]X.npy",
        description = "input samples, the first dimension indexing samples, each file read by its input's owner: "
            + "one file for a model's only input, else NAME=FILE for each input (repeat the option; e.g. "
            + "--inputs input_ids=ids.npy --inputs attention_mask=mask.npy)")
    List<String> inputs;

    @Option(names = "--output", paramLabel = "[NAME=]Y.npy",
        description = "where each output's receiver writes it, in sample order: one file for a model's only output, "
            + "else NAME=FILE for each output (repeat the option); all at the end, atomically (no partial file)")
    List<String> outputs;

    @Mixin
    CompileChoices compile;

    @Option(names = "--stats", paramLabel = "S.json",
        description = "write {online_seconds, offline_seconds, rounds, bytes_per_party, offline_bytes, "
            + "per_op: [{op, site, rounds, bytes, seconds}]} (written by party 0)")
    Path stats;

    @Option(names = "--input-owner", paramLabel = "PARTY|NAME=PARTY",
        description = "party (0 or 1) that supplies the inputs (default 0); NAME=PARTY for one input (repeat the "
            + "option), e.g. --input-owner 0 --input-owner attention_mask=1")
    List<String> inputOwners;

    @Mixin
    PublicInputsOption publicInputs;

    @Option(names = "--weights-owner", defaultValue = "1", paramLabel = "1|public",
        description = "party that holds the weights, or public (default: ${DEFAULT-VALUE})")
    String weightsOwner;

    @Option(names = "--output-owner", defaultValue = "0", paramLabel = "0|1",
        description = "party that receives the outputs (default: ${DEFAULT-VALUE})")
    int outputOwner;

    @Mixin
    BatchAndProgressOptions batching;

    PlanChoice planChoice() {
        return compile.planChoice();
    }

    /**
     * The options of a run. Which files a process needs follows from the model and the ownership; a missing one fails
     * in one line naming its input or output when the run resolves them.
     */
    RunOptions options() {
        return new RunOptions(model, NamedFiles.parse("--inputs", inputs), NamedFiles.parse("--output", outputs),
            planChoice(), batching.batch, stats,
            RunOptions.owners(inputOwners == null ? List.of() : inputOwners, weightsOwner, outputOwner),
            publicInputs.names(), compile.calibration(), batching.quiet, RunOptions.DEFAULT_TIMEOUT);
    }

    Progress progress(String what) {
        return batching.progress(what);
    }
}
