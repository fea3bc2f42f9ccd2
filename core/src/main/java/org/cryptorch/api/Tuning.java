package org.cryptorch.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.cryptorch.compile.CompileOptions;
import org.cryptorch.compile.Program;
import org.cryptorch.tune.CostModel;
import org.cryptorch.tune.Evaluated;
import org.cryptorch.tune.HtmlReport;
import org.cryptorch.tune.ModelTuning;
import org.cryptorch.tune.NetworkProfile;
import org.cryptorch.tune.PlanFile;
import org.cryptorch.tune.RunCalibration;
import org.cryptorch.tune.TuneReport;

/** {@link CrypTorch#tune}: the model checked as {@code run} checks it, the search, the plan file and the summary. */
final class Tuning {
    private Tuning() {
    }

    static Tuned run(Model model, TuneRequest request, Consumer<String> notes, Consumer<Evaluated> evaluated) {
        model.requireWeights("tune");
        model.checkSamples(request.calibration(), 0);
        if (request.holdout() != null) {
            model.checkSamples(request.holdout(), 0);
        }
        CostModel costs = CostModel.forThisMachine(request.network());
        ModelTuning tuning = new ModelTuning(new ModelTuning.Source(model.inputName(), model.declaredDims(),
            model::canonical, model::graph), request.calibration(), request.labels(), request.options().metric(),
            request.options().budget().amount() > 0, CompileOptions.defaults(), costs, request.options().threads(),
            notes);
        notes.accept(costs.runCalibrated() ? "cost model: this machine's run calibration (" + RunCalibration.file()
            + ")" : "cost model: compute microbenchmark, no per-round overhead (no 'cryptorch bench --calibrate' yet)");
        notes.accept("search space: " + tuning.space());
        TuneReport r = tuning.tune(request.strategy(), costs, request.options(), evaluated);
        write(r, request);
        ModelTuning.Compiled reference = tuning.compile(r.reference().assignment());
        ModelTuning.Compiled chosen = tuning.compile(r.chosen().assignment());
        List<Tuned.Prediction> predictions = predictions(costs, reference.program(), chosen.program(),
            tuning.uncalibratedReference(r.reference().assignment()));
        Tuned.Holdout holdout = request.holdout() == null ? null : new Tuned.Holdout(
            request.holdout().shape().dim(0), tuning.score(reference.plan(), request.holdout(), request.holdoutLabels()),
            tuning.score(chosen.plan(), request.holdout(), request.holdoutLabels()));
        return new Tuned(r, predictions, holdout);
    }

    private static void write(TuneReport r, TuneRequest request) {
        try {
            PlanFile.write(r, request.output());
            if (request.report() != null) {
                HtmlReport.write(r, request.report());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + e.getMessage(), e);
        }
    }

    /** On the tuning network first, then loopback and WAN (each once). */
    private static List<Tuned.Prediction> predictions(CostModel costs, Program reference, Program chosen,
                                                      Program runDefault) {
        Map<String, NetworkProfile> networks = new LinkedHashMap<>();
        for (NetworkProfile n : List.of(costs.network(), NetworkProfile.LOOPBACK, NetworkProfile.WAN)) {
            networks.putIfAbsent(n.name(), n);
        }
        List<Tuned.Prediction> out = new ArrayList<>();
        for (NetworkProfile n : networks.values()) {
            CostModel c = costs.on(n);
            out.add(new Tuned.Prediction(n, ModelTuning.predict(reference, c).seconds(),
                ModelTuning.predict(chosen, c).seconds(), ModelTuning.predict(runDefault, c).seconds()));
        }
        return out;
    }
}
