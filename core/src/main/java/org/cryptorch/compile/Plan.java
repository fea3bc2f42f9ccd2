package org.cryptorch.compile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.cryptorch.approx.Approximation;
import org.cryptorch.approx.Approximations;
import org.cryptorch.approx.Choice;
import org.cryptorch.approx.ConfigurationRejectedException;
import org.cryptorch.approx.KnobValues;
import org.cryptorch.approx.Profile;
import org.cryptorch.ir.Graph;
import org.cryptorch.ir.Node;
import org.cryptorch.ir.OpTable;
import org.cryptorch.ir.UnsupportedModelException;

/**
 * Which approximation, with which knob values, replaces each non-linear site (node, by name) of a canonical graph.
 * This is what the tuner searches over and what {@code --plan PLAN.json} carries ({@link PlanJson}). Immutable;
 * {@link #with} returns a changed copy.
 */
public final class Plan {
    /**
     * One site's choice. {@code predicted} and {@code measuredError} are optional annotations the tuner writes for
     * people reading the plan; the compiler ignores them.
     */
    public record Site(String name, String op, String approximation, KnobValues knobs, SiteCost predicted,
                       Double measuredError) {
        public Site {
            if (name == null || op == null || approximation == null) {
                throw new IllegalArgumentException("plan site needs a name, an op and an approximation, got " + name
                    + " / " + op + " / " + approximation);
            }
            knobs = knobs == null ? KnobValues.empty() : knobs;
        }

        public Site(String name, String op, String approximation, KnobValues knobs) {
            this(name, op, approximation, knobs, null, null);
        }

        /** The approximation and knob values this site takes. */
        public Choice choice() {
            return new Choice(approximation, knobs);
        }

        /** Checks that the approximation exists, implements {@code op}, and that the knobs are in range. */
        public Approximation resolve() {
            Approximation a;
            try {
                a = Approximations.get(approximation);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("site '" + name + "': " + e.getMessage(), e);
            }
            if (!a.op().equals(op)) {
                throw new IllegalArgumentException("site '" + name + "' is a " + op + " but approximation "
                    + approximation + " implements " + a.op());
            }
            try {
                knobs.complete(a);
            } catch (ConfigurationRejectedException e) {
                throw new ConfigurationRejectedException("site '" + name + "' (" + approximation + "): "
                    + e.getMessage(), e);
            }
            return a;
        }
    }

    /** Predicted online cost of one site (rounds, bytes sent per party, dealer bytes), as the tuner reports it. */
    public record SiteCost(long rounds, long bytesPerParty, long offlineBytes) {
    }

    private final Map<String, Site> sites;
    /** Widths of comparisons by emitted node name, fixed when the plan was tuned on calibration data; may be empty. */
    private final Map<String, Integer> comparisonWidths;
    /** Max |value| of each graph input over the calibration samples the widths were sized on; may be empty. */
    private final Map<String, Double> calibratedInputs;

    private Plan(Map<String, Site> sites, Map<String, Integer> comparisonWidths, Map<String, Double> calibratedInputs) {
        this.sites = sites;
        this.comparisonWidths = comparisonWidths;
        this.calibratedInputs = calibratedInputs;
    }

    public static Plan of(List<Site> sites) {
        Map<String, Site> m = new LinkedHashMap<>();
        for (Site s : sites) {
            if (m.put(s.name(), s) != null) {
                throw new IllegalArgumentException("plan lists site '" + s.name() + "' twice");
            }
        }
        return new Plan(m, Map.of(), Map.of());
    }

    /**
     * A plan giving every site of {@code canonical} that needs an approximation (per {@link OpTable}) the profile's
     * choice for its op type.
     *
     * @throws UnsupportedModelException naming the first site whose op the profile does not cover
     */
    public static Plan fromProfile(Graph canonical, Profile profile) {
        List<Site> out = new ArrayList<>();
        for (Node n : canonical.nodes()) {
            String reason = OpTable.approximationReason(n);
            if (reason == null) {
                continue;
            }
            Choice c = profile.choiceFor(n.opType()).orElse(null);
            if (c == null) {
                throw new UnsupportedModelException("site '" + n.name() + "' (" + n.opType() + ", needs " + reason
                    + "): the profile has no approximation for " + n.opType());
            }
            out.add(new Site(n.name(), n.opType(), c.approximation(), c.knobs()));
        }
        return of(out);
    }

    public List<Site> sites() {
        return List.copyOf(sites.values());
    }

    public Optional<Site> site(String name) {
        return Optional.ofNullable(sites.get(name));
    }

    /** A copy with {@code s} replacing the site of the same name (or added). */
    public Plan with(Site s) {
        Map<String, Site> m = new LinkedHashMap<>(sites);
        m.put(s.name(), s);
        return new Plan(m, comparisonWidths, calibratedInputs);
    }

    /**
     * The comparison widths (bits, by the emitted {@code Ltz} node's name, see {@link Program#comparisonWidths})
     * chosen from calibration data when the plan was tuned. The compiler uses them where a comparison has no width
     * of its own, so a party compiles the tuned program without the calibration data.
     */
    public Map<String, Integer> comparisonWidths() {
        return comparisonWidths;
    }

    /**
     * A copy carrying {@code widths} (each {@link ComparisonWidths#MIN_BITS}..64 bits: no fixed-point value fits
     * fewer, and 3-bit widths silently made predictions wrong) as its comparison widths.
     */
    public Plan withComparisonWidths(Map<String, Integer> widths) {
        widths.forEach((node, bits) -> {
            if (bits == null || bits < ComparisonWidths.MIN_BITS || bits > ComparisonWidths.FULL) {
                throw new IllegalArgumentException("comparison width of '" + node + "' must be "
                    + ComparisonWidths.MIN_BITS + ".." + ComparisonWidths.FULL + " bits, got " + bits);
            }
        });
        return new Plan(sites, Collections.unmodifiableMap(new TreeMap<>(widths)), calibratedInputs);
    }

    /**
     * The largest magnitude of each graph input (by name) among the calibration samples this plan's comparison
     * widths were sized on: inputs well beyond it can drive a comparison past its width, where it wraps and the
     * result is silently wrong ({@link RangeCheck#checkCalibratedInputs}). Empty when no calibration sized them.
     */
    public Map<String, Double> calibratedInputs() {
        return calibratedInputs;
    }

    /**
     * A copy recording {@code maxAbs} (input name to largest calibration magnitude) in {@link #calibratedInputs}.
     * Where this plan already has a bound for an input, the smaller one stays: widths sized on either calibration
     * set are in the program then.
     */
    public Plan withCalibratedInputs(Map<String, Double> maxAbs) {
        Map<String, Double> merged = new TreeMap<>(calibratedInputs);
        maxAbs.forEach((input, bound) -> {
            if (bound == null || !(bound >= 0) || bound.isInfinite()) {
                throw new IllegalArgumentException("calibrated bound of input '" + input + "' must be a finite "
                    + "magnitude, got " + bound);
            }
            merged.merge(input, bound, Math::min);
        });
        return new Plan(sites, comparisonWidths, Collections.unmodifiableMap(merged));
    }

    /**
     * The first site in which this plan ({@code mine}) and {@code other} ({@code theirs}) choose differently (site
     * set, approximation or knobs; annotations and comparison widths aside), described in one line; null when
     * they choose alike.
     */
    public String firstDifference(Plan other, String mine, String theirs) {
        for (Site s : sites.values()) {
            Site o = other.sites.get(s.name());
            if (o == null) {
                return "site '" + s.name() + "' is in " + mine + "'s plan only";
            }
            if (!s.approximation().equals(o.approximation()) || !s.knobs().equals(o.knobs())) {
                return "site '" + s.name() + "': " + mine + " has " + s.approximation() + " " + s.knobs() + ", "
                    + theirs + " has " + o.approximation() + " " + o.knobs();
            }
        }
        return other.sites.keySet().stream().filter(n -> !sites.containsKey(n)).findFirst()
            .map(n -> "site '" + n + "' is in " + theirs + "'s plan only").orElse(null);
    }

    /** Checks every site's approximation and knobs; the message names the site. */
    public void validate() {
        sites.values().forEach(Site::resolve);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Plan p && p.sites.equals(sites) && p.comparisonWidths.equals(comparisonWidths)
            && p.calibratedInputs.equals(calibratedInputs);
    }

    @Override
    public int hashCode() {
        return (31 * sites.hashCode() + comparisonWidths.hashCode()) * 31 + calibratedInputs.hashCode();
    }

    @Override
    public String toString() {
        return "Plan" + sites.values();
    }
}
