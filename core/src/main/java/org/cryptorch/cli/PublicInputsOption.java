package org.cryptorch.cli;

import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** Inputs both parties learn, for every command whose parties must agree on them. */
final class PublicInputsOption {
    @Option(names = "--public-input", paramLabel = "NAME",
        description = "an input both parties learn (repeat for several), e.g. a BERT attention_mask when the "
            + "sequence lengths may be known: the party that drives the run (the default input owner, the client) "
            + "reads its file and sends its values in the clear, and they compile into the program as constants (each "
            + "distinct value a program of its own, compiled and its weights shared once per session). Every party "
            + "must name the same ones. Default: every input is secret")
    List<String> names;

    Set<String> names() {
        return names == null ? Set.of() : Set.copyOf(names);
    }
}
