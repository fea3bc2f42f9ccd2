package org.cryptorch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cryptorch.compile.Plan;
import org.cryptorch.compile.PlanJson;
import org.cryptorch.ir.InvalidInputException;
import org.cryptorch.reference.FloatInterpreter;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.cryptorch.tune.Budget;
import org.cryptorch.tune.CalibrationCache;
import org.cryptorch.tune.ComputeCalibration;
import org.cryptorch.tune.CostBenefitSearch;
import org.cryptorch.tune.Metric;
import org.cryptorch.tune.NetworkProfile;
import org.cryptorch.tune.TuneOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CrypTorch#tune} takes a model as {@code run} does: here token indices (integer input) into an embedding
 * table, then a Sigmoid site (scripts/make_embedding_test_model.py). The plan it writes simulates like the float model.
 */
class TuneApiTest {
    private static final LongTensor IDS = LongTensor.of(Shape.of(6, 3), 0, 1, 2, 9, 8, 7, 3, 3, 3, 5, 0, 9, 4, 6, 1,
        2, 7, 5);

    @TempDir
    Path dir;
    private String oldCache;

    /** A fixed compute calibration in a private cache: no timing in tests. */
    @BeforeEach
    void fixedComputeCalibration() {
        Path cache = dir.resolve("cache");
        new CalibrationCache(cache, CalibrationCache.machineKey(), () -> new ComputeCalibration(1e9, 2e10)).get();
        oldCache = System.setProperty(CalibrationCache.DIRECTORY_PROPERTY, cache.toString());
    }

    @AfterEach
    void restoreCache() {
        if (oldCache == null) {
            System.clearProperty(CalibrationCache.DIRECTORY_PROPERTY);
        } else {
            System.setProperty(CalibrationCache.DIRECTORY_PROPERTY, oldCache);
        }
    }

    @Test
    void tokenIndicesTuneAndThePlanRuns() throws IOException {
        Model model = CrypTorch.load(copy("embedding_sigmoid.onnx"));
        Path planFile = dir.resolve("plan.json");
        List<String> notes = new ArrayList<>();
        Tuned tuned = CrypTorch.tune(model, request(IDS, planFile), notes::add, e -> { });

        assertThat(tuned.report().chosen().metric() - tuned.report().reference().metric()).isLessThanOrEqualTo(0.01);
        assertThat(tuned.predictions()).extracting(p -> p.network().name()).startsWith("loopback");
        assertThat(notes).anyMatch(n -> n.startsWith("search space: "));
        Plan plan = PlanJson.read(planFile);
        assertThat(plan.sites()).extracting(Plan.Site::name).containsExactly("activation");
        FloatTensor simulated = CrypTorch.simulate(model, IDS, PlanChoice.plan(planFile), 0);
        FloatTensor reference = (FloatTensor) FloatInterpreter.run(model.graph(), Map.of("ids", IDS)).get("logits");
        for (int i = 0; i < reference.size(); i++) {
            assertThat(simulated.data()[i]).as("element %d", i).isCloseTo(reference.data()[i], offset(0.02));
        }
    }

    @Test
    void realSamplesForAnIntegerInputAreRefusedLikeInRun() throws IOException {
        Model model = CrypTorch.load(copy("embedding_sigmoid.onnx"));
        FloatTensor reals = new FloatTensor(Shape.of(2, 3), new double[6]);
        assertThatThrownBy(() -> CrypTorch.tune(model, request(reals, dir.resolve("plan.json")), n -> { }, e -> { }))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("takes integer values");
        assertThat(dir.resolve("plan.json")).doesNotExist();
    }

    private static TuneRequest request(org.cryptorch.tensor.Tensor samples, Path planFile) {
        return new TuneRequest(samples, null, TuneOptions.of(Metric.MAE, Budget.parse("0.01"), 1).withThreads(1),
            NetworkProfile.LOOPBACK, new CostBenefitSearch(), null, null, planFile, null);
    }

    private Path copy(String resource) throws IOException {
        Path file = dir.resolve(resource);
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            Files.copy(in, file);
        }
        return file;
    }
}
