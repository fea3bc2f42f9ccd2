package org.cryptorch.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
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
 * An ONNX model with one input and one output, as the runtime takes it. The graph is canonicalised afresh for each
 * input shape (canonicalisation folds shapes, so it is specific to one batch size).
 */
public final class Model {
    private final String name;
    /** Where the model is read from for each input shape: its file, or bytes held in memory. */
    private final Supplier<byte[]> source;
    private final String inputName;
    private final int[] declaredDims;
    private final DType inputType;
    /** Tensors whose values the file withholds (a public export: zeros stand in for the model owner's weights). */
    private final int withheldTensors;
    /** {@link ProgramFingerprint#hashModelStructure}: the parties compare it, weights excluded. */
    private final String structureHash;

    private Model(String name, Supplier<byte[]> source, OnnxReader.Contents contents) {
        this.name = name;
        this.source = source;
        this.withheldTensors = contents.withheldTensors();
        Graph graph = contents.graph();
        if (graph.inputs().size() != 1 || graph.outputs().size() != 1) {
            throw new IllegalArgumentException(name + ": takes models with one input and one output, this one has "
                + graph.inputs().size() + " inputs (" + names(graph.inputs().stream().map(Value::name).toList())
                + ") and " + graph.outputs().size() + " outputs");
        }
        FloatInterpreter.checkSupported(graph);
        org.cryptorch.compile.Compiler.checkWeights(graph, FixedPoint.DEFAULT_FRAC_BITS);
        Value in = graph.inputs().get(0);
        this.inputName = in.name();
        this.declaredDims = in.declaredDims();
        this.inputType = in.dtype();
        this.structureHash = ProgramFingerprint.hashModelStructure(graph);
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

    public String inputName() {
        return inputName;
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

    /** The input's element type: real-valued, or integer (such as token indices). */
    public DType inputType() {
        return inputType;
    }

    /**
     * Checks that {@code shape} fits the declared input shape (a dynamic dimension takes any size) and says which
     * input expected what otherwise.
     */
    public void checkInputShape(Shape shape) {
        if (!ShapeInference.fitsDeclared(declaredDims, shape)) {
            throw new InvalidInputException("input '" + inputName + "' of " + name + " expects shape "
                + describe(declaredDims) + ", got " + describe(shape.dims()));
        }
    }

    /**
     * Checks samples of shape {@code samples} (the first dimension indexes them) run in batches of {@code batch}
     * (0: all at once) against the declared input shape.
     */
    public void checkSamples(Tensor samples, int batch) {
        if (samples.dtype().isFloat() != inputType.isFloat()) {
            throw new InvalidInputException("input '" + inputName + "' of " + name + " takes "
                + (inputType.isFloat() ? "real" : "integer") + " values (" + inputType + "), got " + samples.dtype());
        }
        checkSamples(samples.shape(), batch);
    }

    /** Checks the shape part of {@link #checkSamples(Tensor, int)}, for a party that only knows the shape. */
    public void checkSamples(Shape samples, int batch) {
        if (samples.rank() == 0 || samples.dim(0) == 0) {
            throw new InvalidInputException("input '" + inputName + "' of " + name + ": no samples (shape "
                + describe(samples.dims()) + ")");
        }
        checkInputShape(batchShape(samples, batchSize(batch, samples.dim(0))));
    }

    /** {@code samples} with its first dimension set to {@code batch}. */
    /**
     * Samples per batch for a requested {@code batch} (0: the default) of {@code samples}: the request (at most all
     * samples); by default the input's fixed first dimension when it declares one (a model exported for one sequence
     * has that size baked into its reshapes, so it runs one sample at a time), else all samples at once.
     */
    public int batchSize(int batch, int samples) {
        if (batch > 0) {
            return Math.min(batch, samples);
        }
        int fixed = ShapeInference.fixedFirstDim(declaredDims);
        return fixed > 0 ? Math.min(fixed, samples) : samples;
    }

    static Shape batchShape(Shape samples, int batch) {
        int[] dims = samples.dims();
        dims[0] = batch;
        return Shape.of(dims);
    }

    /** The input's declared dimensions (negative: dynamic). */
    public int[] declaredDims() {
        return declaredDims.clone();
    }

    /** A fresh graph as read, not canonicalised: the float reference. */
    public Graph graph() {
        return OnnxReader.read(source.get());
    }

    /** A fresh canonical graph for one input shape. */
    public Graph canonical(Shape inputShape) {
        checkInputShape(inputShape);
        return Canonicalizer.canonicalize(graph(), Map.of(inputName, inputShape));
    }

    /** Shows dynamic dimensions as {@code N}. */
    static String describe(int[] dims) {
        return Arrays.stream(dims).mapToObj(d -> d < 0 ? "N" : String.valueOf(d))
            .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String names(java.util.List<String> names) {
        return String.join(", ", names);
    }
}
