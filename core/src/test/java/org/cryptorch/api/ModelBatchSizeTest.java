package org.cryptorch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.cryptorch.testdata.TestData;
import org.junit.jupiter.api.Test;

class ModelBatchSizeTest {
    private static Model shared(String file) {
        Path p = TestData.sharedModels().map(m -> m.resolve(file)).orElse(null);
        assumeTrue(p != null && Files.exists(p), "shared model " + file + " not found");
        return Model.load(p);
    }

    @Test
    void aModelExportedForOneSequenceRunsOneSampleAtATimeByDefault() {
        Model bert = shared("bench/bert_tiny.onnx");
        assertThat(bert.batchSize(0, 64)).isEqualTo(1);
        assertThat(bert.batchSize(4, 64)).isEqualTo(4);
    }

    @Test
    void aModelWithADynamicBatchRunsAllSamplesAtOnceByDefault() {
        Model mlp = shared("fmnist_mlp/model.onnx");
        assertThat(mlp.batchSize(0, 1000)).isEqualTo(1000);
        assertThat(mlp.batchSize(64, 1000)).isEqualTo(64);
        assertThat(mlp.batchSize(5000, 1000)).isEqualTo(1000);
    }
}
