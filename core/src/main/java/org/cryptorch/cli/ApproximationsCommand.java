package org.cryptorch.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.cryptorch.cli.approx.ApproximationTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cryptorch approximations}: the approximation library with knobs, ranges, estimated costs and errors. */
@Command(name = "approximations", mixinStandardHelpOptions = true,
    description = {"Lists every registered approximation: its op, knobs (default and domain), documented input"
        + " range, estimated cost per element (rounds, bytes sent per party) and max error in float against the"
        + " exact op over the documented range at default knobs."})
public final class ApproximationsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--markdown", description = "print the Markdown table that docs/approximations.md holds")
    boolean markdown;

    @Override
    public Integer call() {
        List<ApproximationTable.Row> rows = ApproximationTable.rows();
        PrintWriter out = spec.commandLine().getOut();
        out.println(ApproximationTable.HEADER);
        out.println();
        out.print(markdown ? ApproximationTable.markdown(rows) : ApproximationTable.text(rows));
        out.flush();
        return 0;
    }
}
