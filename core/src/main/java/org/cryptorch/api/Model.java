package org.cryptorch.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.cryptorch.compile.ProgramFingerprint;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.InvalidInputException;
import org.cryptorch.ir.ShapeInference;
import org.cryptorch.ir.UnsupportedModelException;
import org.cryptorch.ir.Value;
import org.cryptorch.onnx.OnnxReader;
import org.cryptorch.passes.Canonicalizer;
import org.cryptorch.reference.FloatInterpreter;
import org.cryptorch.tensor.DType;
import org.cryptorch.tensor.FixedPoint;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * An ONNX model as the runtime takes it: named inputs (real-valued, or integer such as token ids) and named outputs.
 * Inputs hold samples along their first dimension; every input of a query has the same number of samples. The graph
 * is canonicalised afresh for each set of input shapes (canonicalisation folds shapes, so it is specific to one batch
 * size).
 */
public final class Model {
    /** A graph input: its name, its declared dims (negative: dynamic) and its element type. */
    public record Input(String name, int[] declaredDims, DType type) {
    }

    private final String name;
    /** Where the model is read from for each input shape: its file, or bytes held in memory. */
    private final Supplier<byte[]> source;
    private final List<Input> inputs;
    private final List<String> outputNames;
    /** Tensors whose values the file withholds (a public export: zeros stand in for the model owner's weights). */
    private final int withheldTensors;
    /** {@link ProgramFingerprint#hashModelStructure}: the parties compare it, weights excluded. */
    private final String structureHash;
    /** Public inputs bound to values ({@link #withPublicInputs}): constants of the graph, no longer inputs. */
    private final Map<String, Tensor> bound;

    private Model(String name, Supplier<byte[]> source, OnnxReader.Contents contents) {
        this.name = name;
        this.source = source;
        this.withheldTensors = contents.withheldTensors();
        Graph graph = contents.graph();
        if (graph.inputs().isEmpty() || graph.outputs().isEmpty()) {
            throw new UnsupportedModelException(name + ": a model needs an input and an output, this one has "
                + graph.inputs().size() + " inputs and " + graph.outputs().size() + " outputs");
        }
        FloatInterpreter.checkSupported(graph);
        org.cryptorch.compile.Compiler.checkWeights(graph, FixedPoint.DEFAULT_FRAC_BITS);
        this.inputs = graph.inputs().stream().map(v -> new Input(v.name(), v.declaredDims(), v.dtype())).toList();
        this.outputNames = graph.outputs().stream().map(Value::name).toList();
        this.structureHash = ProgramFingerprint.hashModelStructure(graph);
        this.bound = Map.of();
    }

    private Model(Model m, Map<String, Tensor> bound) {
        this.name = m.name;
        this.source = m.source;
        this.withheldTensors = m.withheldTensors;
        this.outputNames = m.outputNames;
        this.structureHash = m.structureHash;
        this.inputs = m.inputs.stream().filter(in -> !bound.containsKey(in.name())).toList();
        this.bound = Map.copyOf(bound);
    }

    /**
     * This model with the inputs of {@code values} bound to them: public inputs, which both parties know, become
     * constants of the graph (folded by canonicalisation: an attention mask then selects at compile time), and the
     * model takes the other inputs only.
     */
    public Model withPublicInputs(Map<String, ? extends Tensor> values) {
        if (values.isEmpty()) {
            return this;
        }
        checkTypes(values);
        return new Model(this, Map.copyOf(values));
    }
    /** Reads and checks a model file. */
    public static Model load(Path file) {
        try {
            // The file is read again for each input shape rather than held: a large model's bytes (340 MB for
            // BERT-base) would otherwise stay in memory for the whole run next to its decoded weights.
            Supplier<byte[]> reread = () -> {
                try {
                    return Files.readAllBytes(file);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read model file " + file + " again: " + e.getMessage(), e);
                }
            };
            return new Model(file.getFileName().toString(), reread, OnnxReader.readModel(Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("model file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read model file " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            String msg = String.valueOf(e.getMessage());
            String named = msg.startsWith(file.getFileName().toString()) ? msg : file.getFileName() + ": " + msg;
            throw e instanceof UnsupportedModelException ? new UnsupportedModelException(named, e)
                : new IllegalArgumentException(named, e);
        }
    }

    /** Reads a model from bytes (for models bundled as resources); {@code name} appears in error messages. */
    public static Model load(String name, byte[] bytes) {
        byte[] copy = bytes.clone();
        return new Model(name, () -> copy, OnnxReader.readModel(copy));
    }

    public String name() {
        return name;
    }

    /** The hash of the model's architecture and public constants, not of its weights' values. */
    public String structureHash() {
        return structureHash;
    }

    public List<Input> inputs() {
        return inputs;
    }

    public List<String> inputNames() {
        return inputs.stream().map(Input::name).toList();
    }

    public List<String> outputNames() {
        return outputNames;
    }

    /**
     * {@code value} keyed by the name of this model's only input (the single-input forms of the API); fails for a
     * model with several inputs, which takes them by name.
     */
    public <T> Map<String, T> onlyInput(T value) {
        if (inputs.size() != 1) {
            throw new InvalidInputException(name + " has " + inputs.size() + " inputs (" + String.join(", ",
                inputNames()) + "): give each by name");
        }
        return Map.of(inputs.get(0).name(), value);
    }

    /**
     * Whether this model holds its weight values: false for a public export ({@code cryptorch export-public}), which
     * has the architecture only and serves the party that does not own the weights.
     */
    public boolean holdsWeights() {
        return withheldTensors == 0;
    }

    /** Fails, saying why, when this model is a public export: {@code purpose} needs the weight values. */
    public void requireWeights(String purpose) {
        if (!holdsWeights()) {
            throw new IllegalArgumentException(name + " is a public export without weight values (" + withheldTensors
                + " tensors withheld); " + purpose + " needs the model owner's full model");
        }
    }

    /**
     * Checks the element types of {@code samples} (some or all of the inputs, by name): real values for a real input,
     * integers for an integer one; the error names the input.
     */
    public void checkTypes(Map<String, ? extends Tensor> samples) {
        samples.forEach((inputName, t) -> {
            DType type = input(inputName).type();
            if (t.dtype().isFloat() != type.isFloat()) {
                throw new InvalidInputException("input '" + inputName + "' of " + name + " takes "
                    + (type.isFloat() ? "real" : "integer") + " values (" + type + "), got " + t.dtype());
            }
        });
    }

    /**
     * Checks the shapes of every input's samples (the first dimension indexes them, the same number for every input)
     * run in batches of {@code batch} (0: the default) against the declared shapes; the error names the input.
     */
    public void checkShapes(Map<String, Shape> samples, int batch) {
        for (Input in : inputs) {
            if (!samples.containsKey(in.name())) {
                throw new InvalidInputException("missing input '" + in.name() + "' of " + name);
            }
        }
        checkSomeShapes(samples, batch);
    }

    /**
     * {@link #checkShapes} of some of the inputs (those one party supplies): each is an input of this model, all have
     * the same number of samples, each shape fits.
     */
    public void checkSomeShapes(Map<String, Shape> samples, int batch) {
        int n = sampleCount(samples);
        for (Map.Entry<String, Shape> e : samples.entrySet()) {
            Input in = input(e.getKey());
            Shape s = e.getValue();
            if (s.rank() == 0 || s.dim(0) == 0) {
                throw new InvalidInputException("input '" + in.name() + "' of " + name + ": no samples (shape "
                    + describe(s.dims()) + ")");
            }
            Shape first = batchShape(s, batchSize(batch, n));
            if (!ShapeInference.fitsDeclared(in.declaredDims(), first)) {
                throw new InvalidInputException("input '" + in.name() + "' of " + name + " expects shape "
                    + describe(in.declaredDims()) + ", got " + describe(first.dims()));
            }
        }
    }

    /** {@link #checkSamples(Map, int)} of a model with one input. */
    public void checkSamples(Tensor samples, int batch) {
        checkSamples(onlyInput(samples), batch);
    }

    /** The name of this model's only input. */
    public String inputName() {
        return onlyInput(0).keySet().iterator().next();
    }

    /** The declared dimensions of this model's only input (negative: dynamic). */
    public int[] declaredDims() {
        return input(inputName()).declaredDims().clone();
    }

    /** Checks types and shapes of samples of every input ({@link #checkTypes}, {@link #checkShapes}). */
    public void checkSamples(Map<String, ? extends Tensor> samples, int batch) {
        checkTypes(samples);
        checkShapes(Samples.shapes(samples), batch);
    }

    /** The number of samples of inputs of {@code shapes}, which must be the same for every input. */
    static int sampleCount(Map<String, Shape> shapes) {
        Set<Integer> counts = shapes.values().stream().map(s -> s.rank() == 0 ? 0 : s.dim(0))
            .collect(Collectors.toSet());
        if (counts.size() > 1) {
            throw new InvalidInputException("the inputs have different numbers of samples (first dimension): "
                + new TreeMap<>(shapes).entrySet().stream().map(e -> e.getKey() + " " + (e.getValue().rank() == 0
                    ? 0 : e.getValue().dim(0))).collect(Collectors.joining(", ")));
        }
        return counts.isEmpty() ? 0 : counts.iterator().next();
    }

    private Input input(String inputName) {
        return inputs.stream().filter(in -> in.name().equals(inputName)).findFirst()
            .orElseThrow(() -> new InvalidInputException("'" + inputName + "' is no input of " + name
                + " (its inputs: " + String.join(", ", inputNames()) + ")"));
    }

    /**
     * Samples per batch for a requested {@code batch} (0: the default) of {@code samples}: the request (at most all
     * samples); by default the fixed first dimension an input declares (a model exported for one sequence has that
     * size baked into its reshapes, so it runs one sample at a time), else all samples at once.
     */
    public int batchSize(int batch, int samples) {
        if (batch > 0) {
            return Math.min(batch, samples);
        }
        int fixed = inputs.stream().mapToInt(in -> ShapeInference.fixedFirstDim(in.declaredDims())).max().orElse(0);
        return fixed > 0 ? Math.min(fixed, samples) : samples;
    }

    static Shape batchShape(Shape samples, int batch) {
        int[] dims = samples.dims();
        dims[0] = batch;
        return Shape.of(dims);
    }

    /** The shapes of one batch of {@code batch} samples of inputs of {@code samples}. */
    static Map<String, Shape> batchShapes(Map<String, Shape> samples, int batch) {
        Map<String, Shape> out = new LinkedHashMap<>();
        samples.forEach((k, s) -> out.put(k, batchShape(s, batch)));
        return out;
    }

    /** A fresh canonical graph for one batch of a model with one input. */
    public Graph canonical(Shape inputShape) {
        return canonical(onlyInput(inputShape));
    }

    /** A fresh canonical graph for one batch's input shapes (by input name, every input). */
    public Graph canonical(Map<String, Shape> inputShapes) {
        checkShapes(inputShapes, sampleCount(inputShapes));
        return Canonicalizer.canonicalize(graph(), inputShapes);
    }

    /** A fresh graph as read (public inputs bound), not canonicalised: the float reference. */
    public Graph graph() {
        Graph g = OnnxReader.read(source.get());
        bound.forEach(g::bindInput);
        return g;
    }

    /** Shows dynamic dimensions as {@code N}. */
    static String describe(int[] dims) {
        return Arrays.stream(dims).mapToObj(d -> d < 0 ? "N" : String.valueOf(d))
            .collect(Collectors.joining(", ", "[", "]"));
    }
}
