package org.cryptorch.reference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.Value;
import org.cryptorch.onnx.ModelFormatException;
import org.cryptorch.onnx.OnnxReader;
import org.cryptorch.onnx.TensorFiles;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Tensor;

/** One case of the ONNX backend test data (model.onnx + test_data_set_0), run on the float interpreter. */
record BackendTestCase(Path dir, Graph graph, Set<String> ops) {
    static final double RTOL = 1e-3;
    static final double ATOL = 1e-4;
    static final Path NODE_DATA = Path.of("/usr/share/libonnx-testdata/data/node");

    static List<Path> caseDirs(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> Files.exists(p.resolve("model.onnx"))).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The case, or null when the model uses types or features the importer rejects (strings, sequences, If). */
    static BackendTestCase load(Path dir) {
        Graph g;
        try {
            g = OnnxReader.read(dir.resolve("model.onnx"));
        } catch (ModelFormatException e) {
            return null;
        }
        Set<String> ops = new TreeSet<>();
        for (Node n : g.nodes()) {
            ops.add(n.opType());
        }
        return new BackendTestCase(dir, g, ops);
    }

    boolean supported() {
        return ops.stream().allMatch(Ops::isSupported)
            && graph.nodes().stream().allMatch(n -> n.domain().isEmpty() || n.domain().equals("ai.onnx"));
    }

    /** Largest violation of the tolerance over all outputs: 0 when every element is within atol + rtol*|ref|. */
    double maxError() throws IOException {
        Path data = dir.resolve("test_data_set_0");
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        List<Value> graphInputs = graph.inputs();
        for (int i = 0; i < graphInputs.size(); i++) {
            inputs.put(graphInputs.get(i).name(), TensorFiles.read(data.resolve("input_" + i + ".pb")));
        }
        List<Tensor> actual = new ArrayList<>(FloatInterpreter.run(graph, inputs).values());
        double worst = 0;
        for (int i = 0; i < actual.size(); i++) {
            Tensor expected = TensorFiles.read(data.resolve("output_" + i + ".pb"));
            worst = Math.max(worst, error(actual.get(i), expected));
        }
        return worst;
    }

    private static double error(Tensor actual, Tensor expected) {
        if (!actual.shape().equals(expected.shape())) {
            return Double.POSITIVE_INFINITY;
        }
        double[] a = values(actual);
        double[] e = values(expected);
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            if (Double.compare(a[i], e[i]) == 0 || Double.isNaN(a[i]) && Double.isNaN(e[i])) {
                continue;
            }
            double excess = Math.abs(a[i] - e[i]) - (ATOL + RTOL * Math.abs(e[i]));
            if (!(excess <= 0)) {
                worst = Math.max(worst, Double.isNaN(excess) ? Double.POSITIVE_INFINITY : Math.abs(a[i] - e[i]));
            }
        }
        return worst;
    }

    private static double[] values(Tensor t) {
        return switch (t) {
            case FloatTensor f -> f.data();
            case LongTensor l -> java.util.Arrays.stream(l.data()).asDoubleStream().toArray();
        };
    }
}
