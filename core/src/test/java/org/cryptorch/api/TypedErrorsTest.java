package org.cryptorch.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cryptorch.approx.ConfigurationRejectedException;
import org.cryptorch.ir.InvalidInputException;
import org.cryptorch.ir.UnsupportedModelException;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API's user-facing failures have types a caller can tell apart: a model it cannot take, inputs the model
 * cannot run on, and a plan whose approximation refuses its knob values; each message names the problem.
 */
class TypedErrorsTest {
    @TempDir
    Path dir;

    @BeforeEach
    void demoFiles() {
        DemoFiles.write(dir, 2);
    }

    @Test
    void anUnsupportedOpIsAnUnsupportedModel() throws IOException {
        Path model = dir.resolve("model.onnx");
        Files.write(model, DemoFiles.reluTo(Files.readAllBytes(model), "Fooo"));
        assertThatThrownBy(() -> CrypTorch.load(model)).isInstanceOf(UnsupportedModelException.class)
            .hasMessageStartingWith("model.onnx: unsupported ops").hasMessageContaining("Fooo at nodes");
    }

    @Test
    void aWeightBeyondTheRingIsAnUnsupportedModel() throws IOException {
        Path model = dir.resolve("model.onnx");
        Files.write(model, DemoFiles.withFirstValueOf("4.bias", Files.readAllBytes(model), 9.88e15f));
        assertThatThrownBy(() -> CrypTorch.load(model)).isInstanceOf(UnsupportedModelException.class)
            .hasMessageContaining("weight '4.bias'");
    }

    @Test
    void samplesOfTheWrongShapeAreInvalidInput() {
        Model model = CrypTorch.load(dir.resolve("model.onnx"));
        FloatTensor wrong = new FloatTensor(Shape.of(2, 3), new double[6]);
        assertThatThrownBy(() -> CrypTorch.simulate(model, wrong, PlanChoice.profile("default"), 0))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("expects shape");
    }

    @Test
    void aKnobValueOutsideItsDomainIsARejectedConfiguration() throws IOException {
        Model model = CrypTorch.load(dir.resolve("model.onnx"));
        Path plan = dir.resolve("plan.json");
        java.util.List<String> relus = model.canonical(Shape.of(2, 784)).nodes().stream()
            .filter(n -> n.opType().equals("Relu")).map(n -> n.name()).toList();
        String site = relus.get(0);
        Files.writeString(plan, "{\"sites\": [" + String.join(", ", relus.stream().map(r -> "{\"site\": \"" + r
            + "\", \"op\": \"Relu\", \"approximation\": \"relu.ltz\", \"knobs\": {\"bits\": 3}}").toList())
            + "]}");
        FloatTensor x = (FloatTensor) CrypTorch.readSamples(dir.resolve("x.npy"));
        assertThatThrownBy(() -> CrypTorch.simulate(model, x, PlanChoice.plan(plan), 0))
            .isInstanceOf(ConfigurationRejectedException.class).hasMessageContaining(site)
            .hasMessageContaining("bits");
    }
}
