package org.cryptorch.cli;

import org.cryptorch.api.Progress;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code cryptorch} command. */
@Command(name = "cryptorch", mixinStandardHelpOptions = true, version = "cryptorch 0.1.0",
    description = "Private two-party inference of ONNX models with secure multi-party computation.",
    subcommands = {CommandLine.HelpCommand.class, SelftestCommand.class, InspectCommand.class,
        ConformanceCommand.class, KeygenCommand.class, ApproximationsCommand.class, RunCommand.class,
        PartyCommand.class, DealerCommand.class, SimulateCommand.class, DemoCommand.class, TuneCommand.class,
        LinkCommand.class, ExportPublicCommand.class, BenchCommand.class, ServeCommand.class,
        QueryCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit status: user errors print one line naming the problem. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            Progress.endBarLine();
            cmd.getErr().println("cryptorch: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            if (System.getenv("CRYPTORCH_DEBUG") != null) {
                ex.printStackTrace(cmd.getErr());
            }
            return 1;
        });
        return cl.execute(args);
    }
}
