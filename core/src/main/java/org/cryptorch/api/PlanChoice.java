package org.cryptorch.api;

import java.nio.file.Files;
import java.nio.file.Path;
import org.cryptorch.approx.Profile;
import org.cryptorch.compile.Plan;
import org.cryptorch.compile.PlanJson;
import org.cryptorch.ir.Graph;

/**
 * Which approximations a model is compiled with: a named profile ({@code default}, {@code crypten}) or a plan file
 * that fixes the approximation and knobs of every site.
 */
public record PlanChoice(String profile, Path planFile) {
    public static final String DEFAULT_PROFILE = Profile.DEFAULT;

    public PlanChoice {
        if ((profile == null) == (planFile == null)) {
            throw new IllegalArgumentException("give either a profile or a plan file, not both");
        }
    }

    public static PlanChoice profile(String name) {
        if (!Profile.names().contains(name)) {
            throw new IllegalArgumentException("no profile named '" + name + "' (known: "
                + String.join(", ", Profile.names()) + ")");
        }
        return new PlanChoice(name, null);
    }

    public static PlanChoice plan(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("plan file " + file + " does not exist");
        }
        return new PlanChoice(null, file);
    }

    /** {@code --plan} if given, else {@code --profile}, else the default profile. */
    public static PlanChoice of(Path planFile, String profile) {
        if (planFile != null && profile != null) {
            throw new IllegalArgumentException("--plan and --profile exclude each other");
        }
        return planFile != null ? plan(planFile) : profile(profile == null ? DEFAULT_PROFILE : profile);
    }

    /** The plan for {@code canonical}: the plan file, or the profile's choice for every site that needs one. */
    public Plan resolve(Graph canonical) {
        if (planFile != null) {
            return PlanJson.read(planFile);
        }
        return Plan.fromProfile(canonical, Profile.named(profile));
    }

    @Override
    public String toString() {
        return profile != null ? "profile " + profile : "plan " + planFile;
    }
}
