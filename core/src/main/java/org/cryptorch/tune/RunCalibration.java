package org.cryptorch.tune;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.cryptorch.compile.Program;
import org.cryptorch.tensor.LinearSystems;

/**
 * The online time of a private run on this machine, fitted to measured runs. A communicating step costs its rounds
 * times (the network's one-way delay + a per-round overhead of the two processes: waking up, framing, the
 * interpreter's per-step work), its bytes per party times (1 / bandwidth + a per-byte cost: TLS, copying), and its
 * members' compute: ring elements times a per-op-kind time plus multiply-accumulates times a time per MAC. A local
 * step costs its elements times one local time per element. On loopback the fitted terms are the whole price (the
 * measured runs were on loopback); an emulated or real network adds its delay and rate. The coefficients are
 * non-negative least-squares fits to the per-step seconds of loopback runs ({@code cryptorch bench --calibrate});
 * the local time is what the runs spent outside communicating steps per local element. Op kinds the runs did not
 * contain fall back to the {@link ComputeCalibration} microbenchmark.
 *
 * @param roundOverheadSeconds what a round costs on this machine beyond the network's delay
 * @param byteSeconds          what a byte sent costs beyond the network's rate
 * @param macSeconds           seconds per multiply-accumulate
 * @param localElementSeconds  seconds per element of a local (non-communicating) step
 * @param elementSeconds       seconds per ring element of a communicating step, by op kind
 * @param fallback             for op kinds without a fitted time
 */
public record RunCalibration(double roundOverheadSeconds, double byteSeconds, double macSeconds,
                             double localElementSeconds, Map<String, Double> elementSeconds,
                             ComputeCalibration fallback) {
    /** One communicating step of a measured run: its kind, measured seconds, rounds, bytes and work. */
    public record Observation(String op, double seconds, long rounds, long bytes, long elements, long macs) {
    }

    public RunCalibration {
        elementSeconds = Map.copyOf(elementSeconds);
    }

    /** Predicted online seconds of one batch of {@code p} on {@code network}. */
    public double seconds(Program p, NetworkProfile network) {
        return ModelTuning.predict(p, CostModel.calibrated(network, this)).seconds();
    }

    double computeSeconds(String op, long elements, long macs) {
        Double perElement = elementSeconds.get(op);
        if (perElement == null) {
            return fallback.seconds(elements, macs);
        }
        return elements * perElement + macs * macSeconds;
    }

    /**
     * Least squares over the observations with every coefficient kept non-negative (a coefficient that comes out
     * negative is fixed at zero and the rest refitted), so a kind whose time is all overhead gets no element time.
     * The local time per element is measured apart (the runs time local steps only as a whole).
     */
    public static RunCalibration fit(List<Observation> observations, double localElementSeconds,
                                     ComputeCalibration fallback) {
        List<String> kinds = observations.stream().map(Observation::op).distinct().sorted().toList();
        int n = 3 + kinds.size(); // overhead, byte time, MAC time, one element time per kind
        double[][] rows = new double[observations.size()][];
        double[] y = new double[observations.size()];
        for (int i = 0; i < observations.size(); i++) {
            Observation o = observations.get(i);
            double[] row = new double[n];
            row[0] = o.rounds();
            row[1] = o.bytes();
            row[2] = o.macs();
            row[3 + kinds.indexOf(o.op())] = o.elements();
            rows[i] = row;
            y[i] = o.seconds();
        }
        boolean[] free = new boolean[n];
        Arrays.fill(free, true);
        double[] x = new double[n];
        for (int pass = 0; pass < n; pass++) {
            x = solve(rows, y, free);
            boolean changed = false;
            for (int j = 0; j < n; j++) {
                if (free[j] && x[j] < 0) {
                    free[j] = false;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        Map<String, Double> perKind = new LinkedHashMap<>();
        for (int k = 0; k < kinds.size(); k++) {
            perKind.put(kinds.get(k), Math.max(0, x[3 + k]));
        }
        return new RunCalibration(Math.max(0, x[0]), Math.max(0, x[1]), Math.max(0, x[2]), localElementSeconds,
            perKind, fallback);
    }

    /** Normal equations over the free coefficients (the others are 0); a column that is all zero stays 0. */
    private static double[] solve(double[][] rows, double[] y, boolean[] free) {
        int n = free.length;
        List<Integer> cols = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            boolean used = false;
            for (double[] r : rows) {
                used |= r[j] != 0;
            }
            if (free[j] && used) {
                cols.add(j);
            }
        }
        int m = cols.size();
        // Columns are scaled to unit norm first: rounds, MACs and elements differ by many orders of magnitude.
        double[] scale = new double[m];
        for (int a = 0; a < m; a++) {
            double s = 0;
            for (double[] r : rows) {
                s += r[cols.get(a)] * r[cols.get(a)];
            }
            scale[a] = Math.sqrt(s);
        }
        double[][] ata = new double[m][m + 1];
        for (int i = 0; i < rows.length; i++) {
            for (int a = 0; a < m; a++) {
                double va = rows[i][cols.get(a)] / scale[a];
                for (int b = 0; b < m; b++) {
                    ata[a][b] += va * rows[i][cols.get(b)] / scale[b];
                }
                ata[a][m] += va * y[i];
            }
        }
        double[] z = LinearSystems.solve(ata);
        double[] x = new double[n];
        for (int a = 0; a < m; a++) {
            x[cols.get(a)] = z[a] / scale[a];
        }
        return x;
    }

    /** The cache file of this machine's run calibration, beside the compute calibration's. */
    public static Path file() {
        Path compute = CalibrationCache.forThisMachine().file();
        return compute.resolveSibling("run-" + CalibrationCache.machineKey() + ".properties");
    }

    /** The cached calibration, or null if none was fitted on this machine (or the file is unreadable). */
    public static RunCalibration load(Path file, ComputeCalibration fallback) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
            Map<String, Double> perKind = new TreeMap<>();
            for (String key : p.stringPropertyNames()) {
                if (key.startsWith("element.")) {
                    perKind.put(key.substring("element.".length()), Double.parseDouble(p.getProperty(key)));
                }
            }
            return new RunCalibration(Double.parseDouble(p.getProperty("roundOverheadSeconds")),
                Double.parseDouble(p.getProperty("byteSeconds")), Double.parseDouble(p.getProperty("macSeconds")),
                Double.parseDouble(p.getProperty("localElementSeconds")), perKind, fallback);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    public void save(Path file, String source) throws IOException {
        Properties p = new Properties();
        p.setProperty("roundOverheadSeconds", Double.toString(roundOverheadSeconds));
        p.setProperty("byteSeconds", Double.toString(byteSeconds));
        p.setProperty("macSeconds", Double.toString(macSeconds));
        p.setProperty("localElementSeconds", Double.toString(localElementSeconds));
        elementSeconds.forEach((k, v) -> p.setProperty("element." + k, Double.toString(v)));
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), "run", ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp)) {
            p.store(w, "cryptorch run calibration fitted on " + source + " (delete or rerun bench --calibrate)");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
