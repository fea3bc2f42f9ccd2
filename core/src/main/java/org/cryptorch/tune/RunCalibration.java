package org.cryptorch.tune;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.cryptorch.compile.Program;
import org.cryptorch.tensor.LinearSystems;

/**
 * The online time of a private run on this machine, fitted to measured runs. A step costs its rounds times a
 * per-round overhead of the two processes (waking up, framing, TLS, the interpreter's per-step work), its bytes per
 * party times a per-byte cost (TLS, copying), its multiply-accumulates times a time per MAC and the ring elements it
 * touches times a time per element. The four coefficients are a non-negative least-squares fit to whole runs'
 * online seconds on loopback ({@code cryptorch bench --calibrate}), each run weighted by its own time so that small
 * and large models count alike: per-step times were tried first and did not add up to whole runs (the steps of two
 * processes on two shared cores wait for each other, and a fit to them missed whole runs by up to 30 %). On a network
 * the steps run on two clocks ({@link PartyClocks}): each round adds the network's one-way delay, and bytes the part
 * of their wire time that the per-byte cost (the sender's work while the link carries them) does not cover.
 *
 * @param roundOverheadSeconds what a round costs on this machine beyond the network's delay
 * @param byteSeconds          what a byte sent costs this machine (beyond the network's rate)
 * @param macSeconds           seconds per multiply-accumulate
 * @param elementSeconds       seconds per ring element of any step
 */
public record RunCalibration(double roundOverheadSeconds, double byteSeconds, double macSeconds,
                             double elementSeconds) {
    /** One measured run (one batch or all batches): its online seconds and its program's rounds, bytes and work. */
    public record Observation(double seconds, long rounds, long bytes, long macs, long elements) {
    }

    /** Predicted online seconds of one batch of {@code p} on {@code network} (loopback: this machine as measured). */
    public double seconds(Program p, NetworkProfile network) {
        List<PartyClocks.Step> steps = new ArrayList<>();
        for (ProgramCostedOps.StepWork s : ProgramCostedOps.steps(p)) {
            steps.add(new PartyClocks.Step(s.rounds(), s.bytesSentByParty0(), s.bytesSentByParty1(),
                stepSeconds(s.rounds(), s.bytesPerParty(), s.macs(), s.elements())));
        }
        boolean loopback = network.name().equals(NetworkProfile.LOOPBACK.name());
        return PartyClocks.seconds(steps, loopback ? 0 : network.rttSeconds() / 2,
            loopback ? 0 : wireSecondsPerByte(network));
    }

    /** Seconds of a step's work and rounds on this machine, without a network's delay or rate. */
    double stepSeconds(long rounds, long bytes, long macs, long elements) {
        return rounds * roundOverheadSeconds + bytes * byteSeconds + macs * macSeconds + elements * elementSeconds;
    }

    /**
     * A byte's time on {@code network}'s wire beyond this machine's per-byte cost: the sender seals and writes while
     * the link carries what it wrote, so the two overlap and the slower one counts.
     */
    double wireSecondsPerByte(NetworkProfile network) {
        return Math.max(0, 1 / network.bytesPerSecond() - byteSeconds);
    }

    /**
     * Least squares over the observations in relative terms (each divided by its seconds) with every coefficient kept
     * non-negative (a coefficient that comes out negative is fixed at zero and the rest refitted).
     */
    public static RunCalibration fit(List<Observation> observations) {
        int n = 4; // overhead, byte time, MAC time, element time
        double[][] rows = new double[observations.size()][];
        double[] y = new double[observations.size()];
        for (int i = 0; i < observations.size(); i++) {
            Observation o = observations.get(i);
            if (!(o.seconds() > 0)) {
                throw new IllegalArgumentException("a calibration run took " + o.seconds() + " s");
            }
            rows[i] = new double[] {o.rounds() / o.seconds(), o.bytes() / o.seconds(), o.macs() / o.seconds(),
                o.elements() / o.seconds()};
            y[i] = 1;
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
        return new RunCalibration(Math.max(0, x[0]), Math.max(0, x[1]), Math.max(0, x[2]), Math.max(0, x[3]));
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

    /** The cached calibration, or null if none was fitted on this machine (or the file is unreadable or older). */
    public static RunCalibration load(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
            return new RunCalibration(Double.parseDouble(p.getProperty("roundOverheadSeconds")),
                Double.parseDouble(p.getProperty("byteSeconds")), Double.parseDouble(p.getProperty("macSeconds")),
                Double.parseDouble(p.getProperty("elementSeconds")));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    public void save(Path file, String source) throws IOException {
        Properties p = new Properties();
        p.setProperty("roundOverheadSeconds", Double.toString(roundOverheadSeconds));
        p.setProperty("byteSeconds", Double.toString(byteSeconds));
        p.setProperty("macSeconds", Double.toString(macSeconds));
        p.setProperty("elementSeconds", Double.toString(elementSeconds));
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), "run", ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp)) {
            p.store(w, "cryptorch run calibration fitted on " + source + " (delete or rerun bench --calibrate)");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
