package org.cryptorch.onnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.Value;
import org.cryptorch.tensor.Tensor;

/**
 * Runs ONNX backend test cases (a folder with {@code model.onnx} and {@code test_data_set_N/input_I.pb},
 * {@code output_I.pb}) on a {@link Backend} and tallies the results. The backend is a parameter so this package
 * stays below the interpreter in the layering; the CLI passes the float reference interpreter.
 */
public final class ConformanceRunner {
    /** What is under test: which nodes it can run, and running a graph on named inputs. */
    public interface Backend {
        boolean supports(Node node);

        /** The graph outputs by name, in graph output order. */
        Map<String, Tensor> run(Graph graph, Map<String, Tensor> inputs);
    }

    /** Reason recorded for cases whose model the importer refuses. */
    static final String NOT_IMPORTABLE = "(not importable)";

    private final Backend backend;
    private final TensorComparison comparison;

    public ConformanceRunner(Backend backend, double rtol, double atol) {
        this.backend = backend;
        this.comparison = new TensorComparison(rtol, atol);
    }

    /** Runs every case found under {@code root} (at any depth), in path order. */
    public ConformanceReport run(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("conformance: " + root + " is not a directory");
        }
        ConformanceReport.Builder report = new ConformanceReport.Builder();
        for (Path dir : caseDirs(root)) {
            String name = root.relativize(dir).toString();
            runCase(name.isEmpty() ? dir.getFileName().toString() : name, dir, report);
        }
        return report.build();
    }

    private void runCase(String name, Path dir, ConformanceReport.Builder report) {
        Graph graph;
        try {
            graph = OnnxReader.read(dir.resolve("model.onnx"));
        } catch (ModelFormatException e) {
            report.unsupported(List.of(NOT_IMPORTABLE));
            return;
        }
        TreeSet<String> ops = new TreeSet<>();
        TreeSet<String> missing = new TreeSet<>();
        for (Node n : graph.nodes()) {
            ops.add(n.opType());
            if (!backend.supports(n)) {
                missing.add(n.domain().isEmpty() ? n.opType() : n.domain() + "." + n.opType());
            }
        }
        if (!missing.isEmpty()) {
            report.unsupported(missing);
            return;
        }
        try {
            double maxError = 0;
            boolean pass = true;
            for (Path data : dataSets(dir)) {
                TensorComparison.Result r = runDataSet(graph, data);
                maxError = Math.max(maxError, r.maxError());
                pass &= r.withinTolerance();
            }
            report.result(name, ops, pass, maxError, null);
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.toString() : e.getClass().getSimpleName() + ": "
                + e.getMessage();
            report.result(name, ops, false, Double.NaN, message);
        }
    }

    private TensorComparison.Result runDataSet(Graph graph, Path data) {
        List<Value> in = graph.inputs();
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        for (int i = 0; i < in.size(); i++) {
            inputs.put(in.get(i).name(), TensorFiles.read(data.resolve("input_" + i + ".pb")));
        }
        List<Tensor> actual = new ArrayList<>(backend.run(graph, inputs).values());
        TensorComparison.Result result = TensorComparison.Result.EXACT;
        for (int i = 0; i < graph.outputs().size(); i++) {
            Path expectedFile = data.resolve("output_" + i + ".pb");
            if (i >= actual.size() || actual.get(i) == null) {
                throw new IllegalStateException("backend returned no value for output " + i + " ('"
                    + graph.outputs().get(i).name() + "')");
            }
            result = result.worse(comparison.compare(actual.get(i), TensorFiles.read(expectedFile)));
        }
        return result;
    }

    private static List<Path> caseDirs(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().equals("model.onnx")).map(Path::getParent)
                .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e, e);
        }
    }

    private static List<Path> dataSets(Path caseDir) {
        try (Stream<Path> files = Files.list(caseDir)) {
            List<Path> sets = files.filter(p -> p.getFileName().toString().startsWith("test_data_set_")
                && Files.isDirectory(p)).sorted().toList();
            if (sets.isEmpty()) {
                throw new IllegalStateException("no test_data_set_* folder in " + caseDir);
            }
            return sets;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + caseDir + ": " + e, e);
        }
    }
}
