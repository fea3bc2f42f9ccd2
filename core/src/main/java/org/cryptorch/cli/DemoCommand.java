package org.cryptorch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cryptorch.api.CrypTorch;
import org.cryptorch.api.Model;
import org.cryptorch.api.PlanChoice;
import org.cryptorch.api.RunOptions;
import org.cryptorch.api.RunStats;
import org.cryptorch.launch.TempDir;
import org.cryptorch.onnx.OnnxReader;
import org.cryptorch.onnx.TensorFiles;
import org.cryptorch.reference.FloatInterpreter;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cryptorch demo}: the bundled Fashion-MNIST model (scripts/train_demo_model.py) classifies its held-out
 * samples privately between local processes; prints the accuracy beside the float model's and the cost.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Runs the bundled small model (an MLP trained on Fashion-MNIST by scripts/train_demo_model.py) "
        + "privately on its 200 held-out samples, between two party processes and a dealer process on this machine "
        + "(TLS on), and prints the accuracy beside the float model's, rounds, bytes and time.")
public final class DemoCommand implements Callable<Integer> {
    private static final String RESOURCES = "/org/cryptorch/demo/";

    @Option(names = "--profile", defaultValue = PlanChoice.DEFAULT_PROFILE, paramLabel = "NAME",
        description = "approximation profile: default or crypten (default: ${DEFAULT-VALUE})")
    String profile;

    @Mixin
    BatchAndProgressOptions batching;

    @Override
    public Integer call() throws IOException {
        try (TempDir tmp = TempDir.create("cryptorch-demo")) {
            Path model = extract(tmp.path(), "model.onnx");
            Path inputs = extract(tmp.path(), "inputs.npy");
            Path labels = extract(tmp.path(), "labels.npy");
            Path output = tmp.path().resolve("outputs.npy");
            JsonNode meta = new ObjectMapper().readTree(extract(tmp.path(), "meta.json").toFile());
            LongTensor expected = (LongTensor) TensorFiles.read(labels);
            Tensor x = CrypTorch.readSamples(inputs);

            Model loaded = Model.load(model);
            Tensor floatOut = FloatInterpreter.run(OnnxReader.read(model), loaded.onlyInput(x)).values()
                .iterator().next();
            RunStats stats = CrypTorch.runLocal(RunOptions.of(model, inputs, output)
                    .withPlan(PlanChoice.profile(profile)).withBatch(batching.batch).withQuiet(batching.quiet),
                batching.progress("demo"));
            FloatTensor privateOut = (FloatTensor) TensorFiles.read(output);

            int n = x.shape().dim(0);
            System.out.printf(Locale.ROOT, "%d %s test samples, %s, profile %s%n", n, meta.path("data").asText(),
                meta.path("model").asText(), profile);
            System.out.printf(Locale.ROOT, "accuracy: private %.1f%%, float %.1f%%%n",
                100 * accuracy(privateOut, expected), 100 * accuracy((FloatTensor) floatOut, expected));
            System.out.printf(Locale.ROOT, "online: %.2f s, %d rounds, %.1f MB sent per party; offline: %.2f s, "
                    + "%.1f MB from the dealer%n", stats.onlineSeconds(), stats.rounds(), stats.bytesPerParty() / 1e6,
                stats.offlineSeconds(), stats.offlineBytes() / 1e6);
            return 0;
        }
    }

    private static double accuracy(FloatTensor logits, LongTensor labels) {
        long[] predicted = logits.argmax(1).data();
        long[] truth = labels.data();
        int right = 0;
        for (int i = 0; i < truth.length; i++) {
            right += predicted[i] == truth[i] ? 1 : 0;
        }
        return (double) right / truth.length;
    }

    private static Path extract(Path dir, String name) throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IOException("the demo file " + name + " is missing from the build");
            }
            Path p = dir.resolve(name);
            Files.copy(in, p);
            return p;
        }
    }
}
