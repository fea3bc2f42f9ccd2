package org.cryptorch.cli;

import java.nio.file.Path;
import java.util.List;
import org.cryptorch.api.NamedFiles;
import org.cryptorch.api.Calibration;
import org.cryptorch.api.PlanChoice;
import picocli.CommandLine.Option;

/** How the party holding the model compiles it: plan or profile, and calibration samples for comparison widths. */
final class CompileChoices {
    @Option(names = "--plan", paramLabel = "PLAN.json", description = "approximation plan for every site")
    Path plan;

    @Option(names = "--profile", paramLabel = "NAME",
        description = "approximation profile when no plan is given: default or crypten (default: default)")
    String profile;

    @Option(names = "--calib", paramLabel = "[NAME=]C.npy",
        description = "public calibration samples (first axis = samples, the inputs' feature shape; NAME=FILE per "
            + "input of a model with several), e.g. a set the "
            + "model owner publishes; read by the party holding the model (which sends the widths with its plan) to "
            + "compile comparisons "
            + "the plan does not fix on fewer bits (ceil(log2(max|x| 2^f)) + 2). The first "
            + Calibration.MAX_SAMPLES + " samples are used. Never pass the private inputs: the widths are public. "
            + "Without it such comparisons take all 64 bits")
    List<String> calib;

    PlanChoice planChoice() {
        return PlanChoice.of(plan, profile);
    }

    NamedFiles calibration() {
        return NamedFiles.parse("--calib", calib);
    }
}
