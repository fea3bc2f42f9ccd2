package org.cryptorch.mpc;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.cryptorch.tensor.LongTensor;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The published recipe lists are what the protocols take (so prefetching works) and a remote dealer can rebuild them. */
class ComparisonRecipesTest {
    /** Records the specs one party takes while running {@code body} against a real peer. */
    private static List<RecipeSpec> taken(Function<Party, LongTensor> body) {
        List<RecipeSpec> specs = new ArrayList<>();
        TwoParties.run(1, p -> {
            if (p.id() == 0) {
                Correlations inner = p.correlations();
                Correlations spy = new Correlations() {
                    @Override
                    public long[][] take(Recipe r) {
                        specs.add(r.spec());
                        return inner.take(r);
                    }

                    @Override
                    public long offlineBytesReceived() {
                        return inner.offlineBytesReceived();
                    }
                };
                p = new Party(0, p.peer(), spy, p.fractionalBits());
            }
            return body.apply(p);
        });
        return specs;
    }

    private static List<RecipeSpec> specs(List<Recipe> recipes) {
        return recipes.stream().map(Recipe::spec).toList();
    }

    @Test
    void protocolsTakeThePublishedRecipesInOrder() {
        Shape shape = Shape.of(4, 9);
        LongTensor x = ComparisonTest.inRange(shape, 20, new SplittableRandom(3));
        LongTensor[] s = Shares.split(x, new SplittableRandom(4));
        assertThat(taken(p -> Comparison.ltz(p, s[p.id()], 33)))
            .isEqualTo(specs(ComparisonRecipes.comparison(36, 33, false)));
        assertThat(taken(p -> Comparison.relu(p, s[p.id()], 21)))
            .isEqualTo(specs(ComparisonRecipes.comparison(36, 21, true)));
        assertThat(taken(p -> Comparison.max(p, s[p.id()], 1, 22, false)))
            .isEqualTo(specs(ComparisonRecipes.max(shape, 1, 22)));
    }

    @Test
    void everyRecipeRoundTripsThroughItsSpec() {
        List<Recipe> all = new ArrayList<>(ComparisonRecipes.comparison(1000, 64, true));
        all.addAll(ComparisonRecipes.comparison(7, 2, false));
        for (Recipe r : all) {
            assertThat(Recipes.fromSpec(r.spec())).isEqualTo(r);
        }
    }
}
