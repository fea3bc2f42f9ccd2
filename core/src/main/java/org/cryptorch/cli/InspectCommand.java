package org.cryptorch.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.cryptorch.api.PlanChoice;
import org.cryptorch.compile.CompileOptions;
import org.cryptorch.compile.Compiler;
import org.cryptorch.compile.Stage;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.GraphPrinter;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.OpTable;
import org.cryptorch.ir.Value;
import org.cryptorch.onnx.OnnxReader;
import org.cryptorch.passes.Canonicalizer;
import org.cryptorch.passes.GraphStats;
import org.cryptorch.reference.FloatInterpreter;
import org.cryptorch.tensor.Shape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cryptorch inspect MODEL.onnx}: the canonical graph and what MPC will have to approximate in it; with
 * {@code --stage}, the graph or program after one compiler stage.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Imports and canonicalises an ONNX model for fixed input shapes; prints the graph, op counts, "
        + "parameter count, input/output shapes and the ops that need approximation under MPC. With --stage, "
        + "compiles it instead and prints the graph or program after that compiler stage, then each stage's time.")
public final class InspectCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "the model file")
    Path model;

    @Option(names = "--input-shape", paramLabel = "NAME=DxDx...",
        description = "shape of a graph input, e.g. input=1x128x64 (repeatable)")
    List<String> inputShapes = List.of();

    @Option(names = "--batch", paramLabel = "N",
        description = "batch size for inputs whose first dimension is dynamic (default 1)")
    Integer batch;

    @Option(names = "--stage", paramLabel = "NAME",
        description = "compile (default options, no calibration: comparisons without a documented bound take 64 "
            + "bits) and print the graph or program after this stage: approximate, linearize, clamp-masks, "
            + "size-comparisons, lower, fuse-comparison-products or schedule")
    String stage;

    @Option(names = "--plan", paramLabel = "PLAN.json", description = "with --stage: the approximation plan")
    Path plan;

    @Option(names = "--profile", paramLabel = "NAME",
        description = "with --stage and no plan: approximation profile, default or crypten (default: default)")
    String profile;

    @Override
    public Integer call() {
        if (batch != null && batch < 1) {
            throw new IllegalArgumentException("--batch must be at least 1, got " + batch);
        }
        Stage shown = stage == null ? null : Stage.named(stage);
        if (shown == null && (plan != null || profile != null)) {
            throw new IllegalArgumentException("--plan and --profile choose what --stage compiles; give --stage");
        }
        Graph g = OnnxReader.read(model);
        FloatInterpreter.checkSupported(g);
        int imported = g.nodes().size();
        Map<String, Shape> shapes = shapes(g);
        Canonicalizer.canonicalize(g, shapes);
        var out = spec.commandLine().getOut();
        if (shown != null) {
            printStage(g, shapes, shown, out);
            return 0;
        }
        out.print(GraphPrinter.print(g));
        out.printf("%nnodes: %d imported, %d after canonicalisation%n", imported, g.nodes().size());
        out.println("op counts:");
        new TreeMap<>(GraphPrinter.opCounts(g)).forEach((op, n) -> out.printf("  %-20s %d%n", op, n));
        out.printf("parameters: %d%n", GraphStats.parameterCount(g));
        out.println("inputs:");
        g.inputs().forEach(v -> out.printf("  %s: %s%s%n", v.name(), v.dtype(), v.shape()));
        out.println("outputs:");
        g.outputs().forEach(v -> out.printf("  %s: %s%s%n", v.name(), v.dtype(), v.shape()));
        printApproximations(g, out);
        out.flush();
        return 0;
    }

    /**
     * Shapes from --input-shape, and --batch for the other inputs whose only dynamic dimension is the first; an
     * explicit --batch that no input takes is an error rather than silently ignored.
     */
    private Map<String, Shape> shapes(Graph g) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        boolean batchUsed = false;
        for (String entry : inputShapes) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--input-shape '" + entry + "' is not NAME=DxDx...");
            }
            shapes.put(entry.substring(0, eq), parseDims(entry.substring(eq + 1), entry));
        }
        for (Value in : g.inputs()) {
            int[] dims = in.declaredDims();
            if (!shapes.containsKey(in.name()) && dims != null && dims.length > 0 && dims[0] < 0
                && Arrays.stream(dims, 1, dims.length).allMatch(d -> d >= 0)) {
                dims[0] = batch == null ? 1 : batch;
                shapes.put(in.name(), Shape.of(dims));
                batchUsed = true;
            }
        }
        if (batch != null && !batchUsed) {
            throw new IllegalArgumentException("--batch " + batch + ": no input without --input-shape has a "
                + "dynamic first dimension (inputs: " + declaredShapes(g) + ")");
        }
        return shapes;
    }

    private static String declaredShapes(Graph g) {
        StringBuilder sb = new StringBuilder();
        for (Value in : g.inputs()) {
            int[] dims = in.declaredDims();
            sb.append(sb.isEmpty() ? "" : ", ").append(in.name()).append(' ')
                .append(dims == null ? "?" : Arrays.toString(dims).replace("-1", "?"));
        }
        return sb.toString();
    }

    private static Shape parseDims(String text, String spec) {
        String[] parts = text.split("x", -1);
        int[] dims = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                dims[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                dims[i] = -1;
            }
            if (dims[i] < 1) {
                throw new IllegalArgumentException("--input-shape '" + spec + "': dimension '" + parts[i]
                    + "' is not a positive integer");
            }
        }
        return Shape.of(dims);
    }

    /** Compiles {@code canonical}, printing the dump of {@code shown} and then every stage's time. */
    private void printStage(Graph canonical, Map<String, Shape> shapes, Stage shown, java.io.PrintWriter out) {
        Map<String, Shape> inputShapes = new LinkedHashMap<>();
        canonical.inputs().forEach(v -> inputShapes.put(v.name(), shapes.getOrDefault(v.name(), v.shape())));
        List<String> times = new java.util.ArrayList<>();
        Compiler.compile(canonical, inputShapes, PlanChoice.of(plan, profile).resolve(canonical),
            CompileOptions.defaults(), null, (s, dump, nanos) -> {
                if (s == shown) {
                    out.print(dump.get());
                }
                times.add(String.format(java.util.Locale.ROOT, "%s %.1f ms", s.label(), nanos / 1e6));
            });
        out.println("stage times: " + String.join(", ", times));
        out.flush();
    }

    private static void printApproximations(Graph g, java.io.PrintWriter out) {
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, String> reasons = new TreeMap<>();
        for (Node n : g.nodes()) {
            String reason = OpTable.approximationReason(n);
            if (reason != null) {
                counts.merge(n.opType(), 1, Integer::sum);
                reasons.putIfAbsent(n.opType(), reason);
            }
        }
        out.println("needs approximation under MPC:" + (counts.isEmpty() ? " nothing" : ""));
        counts.forEach((op, n) -> out.printf("  %-20s %d  (%s)%n", op, n, reasons.get(op)));
    }
}
