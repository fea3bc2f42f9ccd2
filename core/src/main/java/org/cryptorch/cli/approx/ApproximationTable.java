package org.cryptorch.cli.approx;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cryptorch.approx.Approximation;
import org.cryptorch.approx.Approximations;
import org.cryptorch.approx.Knob;
import org.cryptorch.approx.KnobValues;

/** Every registered approximation with its knobs, documented range, estimated cost and float error at defaults. */
public final class ApproximationTable {
    public static final String HEADER = "Max error: float (FloatInterpreter), approximation vs exact op over the"
        + " documented range at default knobs; \"ok\" = within |err| <= 1e-3 + 1e-2 |exact|. Cost per element:"
        + " structural ESTIMATE (rounds = critical path with a secret product as 1 round and Ltz as its comparison"
        + " rounds, 64 bits when the width is left to the lowering; bytes sent per party from the mpc cost formulas;"
        + " truncations not counted), to be replaced by the lowering's exact cost.";

    /** One approximation's line of the table. */
    public record Row(String name, String op, String description, String knobs, String range, String rounds,
                      String bytes, String error) {
    }

    private ApproximationTable() {
    }

    public static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Approximation a : Approximations.all()) {
            rows.add(row(a));
        }
        return rows;
    }

    /** A row; an approximation that fails to build or evaluate shows the error instead of its figures. */
    static Row row(Approximation a) {
        String knobs = knobs(a);
        try {
            KnobValues defaults = KnobValues.empty().complete(a);
            CostEstimate cost = CostEstimate.of(a, defaults);
            AccuracyCheck check = AccuracyCheck.run(a, defaults);
            String error = String.format(Locale.ROOT, "%.2g (%s, %.2f of tol)", check.maxAbsError(),
                check.withinTolerance() ? "ok" : "FAILS", check.worstRatio());
            return new Row(a.name(), a.op(), a.description(), knobs, a.documentedRange(defaults).toString(),
                String.valueOf(cost.rounds()), String.format(Locale.ROOT, "%.0f", cost.bytesPerElement()), error);
        } catch (RuntimeException e) {
            return new Row(a.name(), a.op(), a.description(), knobs, "-", "-", "-", "error: " + e.getMessage());
        }
    }

    static String knobs(Approximation a) {
        List<String> parts = new ArrayList<>();
        for (Knob k : a.knobs()) {
            String domain = switch (k.kind()) {
                case INTEGER -> k.min() + ".." + k.max();
                case CHOICE -> String.join("|", k.options());
                case APPROXIMATION -> "any " + k.op();
            };
            parts.add(k.name() + "=" + k.defaultValue() + " (" + domain + ")");
        }
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    public static String markdown(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| approximation | op | knobs: default (domain) | documented range | rounds (est.) |"
            + " bytes/elem (est.) | max abs error, float | method |\n");
        sb.append("|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            sb.append("| `").append(r.name()).append('`');
            for (String cell : List.of(r.op(), r.knobs(), r.range(), r.rounds(), r.bytes(), r.error(),
                r.description())) {
                sb.append(" | ").append(cell.replace("|", "\\|"));
            }
            sb.append(" |\n");
        }
        return sb.toString();
    }

    public static String text(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%-24s %-18s range %-20s rounds %-4s bytes/elem %-6s max err %s%n",
                r.name(), r.op(), r.range(), r.rounds(), r.bytes(), r.error()));
            sb.append("    ").append(r.description()).append('\n');
            sb.append("    knobs: ").append(r.knobs()).append('\n');
        }
        return sb.toString();
    }
}
