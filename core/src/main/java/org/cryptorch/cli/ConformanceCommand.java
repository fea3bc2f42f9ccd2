package org.cryptorch.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.onnx.ConformanceReport;
import org.cryptorch.onnx.ConformanceRunner;
import org.cryptorch.reference.FloatInterpreter;
import org.cryptorch.reference.Ops;
import org.cryptorch.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cryptorch conformance DIR}: ONNX backend test cases on the float reference interpreter, as JSON. */
@Command(name = "conformance", mixinStandardHelpOptions = true,
    description = {"Runs every ONNX backend test case under DIR (a folder with model.onnx and"
        + " test_data_set_*/input_*.pb, output_*.pb, at any depth) whose ops are all supported, on the float"
        + " reference interpreter, and prints one JSON object: passed, failed, unsupported (case counts), per_op,"
        + " failures [{case, max_error | error}] and unsupported_ops (cases kept out by each op)."})
public final class ConformanceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "root of the test cases, e.g."
        + " /usr/share/libonnx-testdata/data/node")
    Path dir;

    @Option(names = "--rtol", defaultValue = "1e-3", description = "relative tolerance (default ${DEFAULT-VALUE})")
    double rtol;

    @Option(names = "--atol", defaultValue = "1e-4", description = "absolute tolerance (default ${DEFAULT-VALUE})")
    double atol;

    /** The float reference interpreter as a conformance backend. */
    static final ConformanceRunner.Backend REFERENCE = new ConformanceRunner.Backend() {
        @Override
        public boolean supports(Node node) {
            return (node.domain().isEmpty() || node.domain().equals("ai.onnx")) && Ops.isSupported(node.opType());
        }

        @Override
        public Map<String, Tensor> run(Graph graph, Map<String, Tensor> inputs) {
            return FloatInterpreter.run(graph, inputs);
        }
    };

    @Override
    public Integer call() {
        if (!(rtol >= 0) || !(atol >= 0)) {
            throw new IllegalArgumentException("--rtol and --atol must be >= 0 (got " + rtol + ", " + atol + ")");
        }
        ConformanceReport report = new ConformanceRunner(REFERENCE, rtol, atol).run(dir);
        if (report.passed() + report.failed() + report.unsupported() == 0) {
            throw new IllegalArgumentException(dir + ": no test cases found (folders holding model.onnx and "
                + "test_data_set_*)");
        }
        spec.commandLine().getOut().println(report.toJson());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
