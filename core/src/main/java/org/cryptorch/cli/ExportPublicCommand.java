package org.cryptorch.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cryptorch.api.CrypTorch;
import org.cryptorch.onnx.PublicExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cryptorch export-public}: the model file without its weight values, for the party that queries it. */
@Command(name = "export-public", mixinStandardHelpOptions = true,
    description = {"Writes what the client of a model may hold: the graph, shapes and public constants, with every "
        + "weight (a real-valued tensor of more than one element) replaced by a shape-only placeholder. The client "
        + "runs `party`/`query` with it; the model owner sends the plan and comparison widths at connect.",
        "The placeholders are ONNX external-data entries at location '" + PublicExport.WITHHELD + "' (no values)."})
public final class ExportPublicCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "The model owner's ONNX model.")
    Path model;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "PUBLIC.onnx",
        description = "Where to write the public model.")
    Path output;

    @Override
    public Integer call() {
        PublicExport.Result r = CrypTorch.exportPublic(model, output);
        System.out.println("wrote " + output + ": " + r.withheld().size() + " weight tensors withheld ("
            + r.withheldValues() + " values), " + r.bytes().length + " bytes");
        return 0;
    }
}
