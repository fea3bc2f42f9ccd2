package org.cryptorch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cryptorch.compile.Ownership;
import org.cryptorch.compile.ProgramFingerprint;
import org.cryptorch.compile.ProgramFingerprint.Setting;
import org.cryptorch.onnx.PublicExport;
import org.cryptorch.onnx.TensorFiles;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parties' agreement by content: the fingerprint sees the architecture, public constants and settings, never the
 * values of secret weights.
 */
class ProgramFingerprintTest {
    private static final Shape BATCH = Shape.of(2, 784);
    private static final PlanChoice PROFILE = PlanChoice.profile(PlanChoice.DEFAULT_PROFILE);

    @TempDir
    Path dir;
    private byte[] demo;

    @BeforeEach
    void demoModel() throws Exception {
        DemoFiles.write(dir, 2);
        demo = Files.readAllBytes(dir.resolve("model.onnx"));
    }

    @Test
    void otherWeightValuesHashAlikeUnlessTheWeightsArePublic() {
        Model model = Model.load("model.onnx", demo);
        Model reweighted = Model.load("model.onnx", otherWeights());
        FloatTensor x = (FloatTensor) TensorFiles.read(dir.resolve("x.npy"));
        Executable a = compile(model, Ownership.defaults());
        Executable b = compile(reweighted, Ownership.defaults());
        assertThat(b.simulate(model.onlyInput(x))).as("the weights did change")
            .isNotEqualTo(a.simulate(model.onlyInput(x)));

        assertThat(reweighted.structureHash()).isEqualTo(model.structureHash());
        assertThat(hash(b)).isEqualTo(hash(a)).isEqualTo(hash(a.withoutWeightValues()));
        // Public weights are constants of the program that both parties compute with: they must agree.
        assertThat(hash(compile(reweighted, Ownership.of(0, Ownership.PUBLIC, 0))))
            .isNotEqualTo(hash(compile(model, Ownership.of(0, Ownership.PUBLIC, 0))));
    }

    /** The client's weightless public export and the owner's full model agree. */
    @Test
    void thePublicExportHashesLikeTheFullModel() {
        Model model = Model.load("model.onnx", demo);
        Model export = Model.load("public.onnx", PublicExport.of(demo).bytes());
        assertThat(export.holdsWeights()).isFalse();
        assertThat(export.structureHash()).isEqualTo(model.structureHash());
        assertThat(hash(compile(export, Ownership.defaults()))).isEqualTo(hash(compile(model, Ownership.defaults())));
    }

    @Test
    void anotherGraphUnderTheSameNameHashesDifferently() {
        Model model = Model.load("model.onnx", demo);
        Model tanh = Model.load("model.onnx", DemoFiles.reluToTanh(demo));
        assertThat(tanh.structureHash()).isNotEqualTo(model.structureHash());
        assertThat(hash(compile(tanh, Ownership.defaults()))).isNotEqualTo(hash(compile(model, Ownership.defaults())));
    }

    @Test
    void aDifferenceIsOneLineNamingBothHashesAndTheFirstDifferingSetting() {
        ProgramFingerprint mine = ProgramFingerprint.ofSettings(List.of(new Setting("model", "structure 1"),
            new Setting("plan", "plan aa"), new Setting("batch", "0")));
        ProgramFingerprint theirs = ProgramFingerprint.decode(ProgramFingerprint.ofSettings(List.of(
            new Setting("model", "structure 1"), new Setting("plan", "plan bb"), new Setting("batch", "4"))).encode());
        mine.requireSame(ProgramFingerprint.decode(mine.encode()), "party0", "party1");
        assertThatThrownBy(() -> mine.requireSame(theirs, "party0", "party1"))
            .hasMessage("the parties would run different programs (fingerprint " + mine.hash() + " at party0, "
                + theirs.hash() + " at party1): plan is plan aa at party0, plan bb at party1");

        ProgramFingerprint compiled = ProgramFingerprint.of(compile(Model.load("m", demo), Ownership.defaults())
            .program(), mine.settings());
        assertThatThrownBy(() -> compiled.requireSame(mine, "party1", "party0"))
            .hasMessageContaining("same settings but different compiled programs").hasMessageNotContaining("\n");
    }

    private static Executable compile(Model m, Ownership owners) {
        return Executable.compile(m, m.onlyInput(BATCH), PROFILE, owners, Calibration.NONE);
    }

    private static String hash(Executable e) {
        return ProgramFingerprint.hashProgram(e.program());
    }

    /**
     * The demo model with 1000 values in the middle of its first weight (784 x 64 floats, 200 KB) changed: the top
     * bit of every byte flipped changes sign, exponent and mantissa but keeps the magnitude within a factor of 2.
     */
    private byte[] otherWeights() {
        byte[] b = demo.clone();
        for (int i = demo.length / 2; i < demo.length / 2 + 4000; i++) {
            b[i] ^= (byte) 0x80;
        }
        return b;
    }
}
