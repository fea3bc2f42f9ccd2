package org.cryptorch.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cryptorch.onnx.TensorFiles;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tensor.Tensor;

/**
 * The Java API of everything the {@code cryptorch} command does: load a model, compile it with a plan or a
 * profile, simulate it in fixed point, run it privately between local processes, or run one party (or the dealer)
 * of a deployment described by a cluster file.
 *
 * <pre>{@code
 * CrypTorch ct = CrypTorch.standard();
 * Model model = ct.load(Path.of("model.onnx"));
 * FloatTensor x = CrypTorch.readSamples(Path.of("x.npy"));
 * FloatTensor simulated = ct.simulate(model, x, PlanChoice.profile("default"), 0);
 * RunStats stats = ct.runLocal(new RunOptions(Path.of("model.onnx"), Path.of("x.npy"), Path.of("y.npy"),
 *     PlanChoice.profile("default"), 0, null, Ownership.DEFAULT, true, RunOptions.DEFAULT_TIMEOUT), Progress.NONE);
 * }</pre>
 */
public final class CrypTorch {
    private final Compiler compiler;

    private CrypTorch(Compiler compiler) {
        this.compiler = compiler;
    }

    /** The standard compiler and backends. */
    public static CrypTorch standard() {
        return new CrypTorch(Compilers.standard());
    }

    /**
     * Another compiler; processes this one starts create their own instance by class name, so it needs a public
     * no-argument constructor.
     */
    public static CrypTorch withCompiler(Compiler compiler) {
        return new CrypTorch(compiler);
    }

    public Model load(Path onnxFile) {
        return Model.load(onnxFile);
    }

    /** Reads samples from a .npy file: floating point, first dimension indexing samples. */
    public static FloatTensor readSamples(Path file) {
        Tensor t = TensorFiles.read(file);
        if (!(t instanceof FloatTensor f) || f.shape().rank() == 0 || f.shape().dim(0) == 0) {
            throw new IllegalArgumentException(file.getFileName() + ": expected floating-point samples along the "
                + "first dimension, got " + t.dtype() + t.shape());
        }
        return f;
    }

    /** Compiles {@code model} for one input shape (batch included). */
    public Executable compile(Model model, Shape inputShape, PlanChoice plan, Ownership owners) {
        return compiler.compile(model.canonical(inputShape), plan, owners);
    }

    /** The fixed-point simulation of {@code model} on {@code samples}, {@code batch} at a time (0: all at once). */
    public FloatTensor simulate(Model model, FloatTensor samples, PlanChoice plan, int batch, Progress progress) {
        int n = samples.shape().dim(0);
        int size = batch <= 0 ? n : Math.min(batch, n);
        int batches = (n + size - 1) / size;
        List<FloatTensor> outputs = new ArrayList<>();
        Executable program = null;
        for (int start = 0; start < n; start += size) {
            FloatTensor slice = samples.slice(0, start, Math.min(n, start + size), 1);
            if (program == null || slice.shape().dim(0) != size) {
                program = compile(model, slice.shape(), plan, Ownership.DEFAULT);
            }
            outputs.add(program.simulate(slice));
            progress.update(outputs.size(), batches);
        }
        return FloatTensor.concat(0, outputs);
    }

    public FloatTensor simulate(Model model, FloatTensor samples, PlanChoice plan, int batch) {
        return simulate(model, samples, plan, batch, Progress.NONE);
    }

    /**
     * Private inference between two party processes and a dealer process on this machine (TLS, free ports); the
     * output owner writes {@code options.output()}.
     */
    public RunStats runLocal(RunOptions options, Progress progress) throws IOException {
        return LocalRun.run(options, compiler, progress);
    }

    /** This process as party {@code id} of the deployment in {@code cluster}; statistics at party 0, else null. */
    public RunStats runParty(ClusterConfig cluster, int id, RunOptions options, Progress progress)
        throws IOException {
        String self = Links.name(id);
        return PartyProcess.party(id, options, cluster.net(self), cluster.endpoint(self).port(),
            cluster.rendezvous(), compiler, progress);
    }

    /** This process as the dealer of the deployment in {@code cluster}, until party 1 is done. */
    public static void runDealer(ClusterConfig cluster) {
        Links.serveDealer(cluster.net(Links.DEALER), cluster.dealer().port(), cluster.rendezvous());
    }
}
