package org.cryptorch.mpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.cryptorch.net.InMemoryChannel;
import org.cryptorch.net.ProtocolException;
import org.cryptorch.tensor.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RemoteDealerTest {
    /** A recipe exercising the other component kinds: a value owned by party 0, and a binary AND of two masks. */
    record MaskedAnd(int n) implements Recipe {
        @Override
        public RecipeSpec spec() {
            return new RecipeSpec("test-masked-and", n);
        }

        @Override
        public List<Component> components() {
            return List.of(new Component("r", n, Sharing.ARITHMETIC, Component.Source.OWNED_BY_0),
                Component.random("x", n, Sharing.BINARY), Component.random("y", n, Sharing.BINARY),
                Component.derived("xy", n, Sharing.BINARY), Component.derived("r2", n, Sharing.ARITHMETIC));
        }

        @Override
        public void derive(long[][] v) {
            long[] xy = new long[n];
            long[] r2 = new long[n];
            for (int i = 0; i < n; i++) {
                xy[i] = v[1][i] & v[2][i];
                r2[i] = 2 * v[0][i];
            }
            v[3] = xy;
            v[4] = r2;
        }
    }

    /** A recipe with nothing to send, which party 1 must still ask for so the dealer's PRGs stay in step. */
    record MaskOnly(int n) implements Recipe {
        @Override
        public RecipeSpec spec() {
            return new RecipeSpec("test-mask-only", n);
        }

        @Override
        public List<Component> components() {
            return List.of(Component.random("m", n, Sharing.ARITHMETIC));
        }

        @Override
        public void derive(long[][] v) {
        }
    }

    @BeforeAll
    static void register() {
        Recipes.register("test-masked-and", p -> new MaskedAnd(p[0]));
        Recipes.register("test-mask-only", p -> new MaskOnly(p[0]));
    }

    /** Party 0, party 1 and a dealer thread connected in memory. */
    static final class Session implements AutoCloseable {
        final InMemoryChannel[] d0 = InMemoryChannel.pair("party0", "dealer", Duration.ofSeconds(5));
        final InMemoryChannel[] d1 = InMemoryChannel.pair("party1", "dealer", Duration.ofSeconds(5));
        final DealerServer server;
        final CompletableFuture<Void> dealer;
        final RemoteCorrelations p0;
        final RemoteCorrelations p1;

        Session() {
            this(RemoteCorrelations.DEFAULT_WINDOW_WORDS);
        }

        /** Parties that fetch at most {@code windowWords} words of announced correlations ahead. */
        Session(long windowWords) {
            this(windowWords, 0, new PoolBudget(0));
        }

        /** A dealer that generates up to {@code poolDepth} requests ahead within {@code budget}. */
        Session(int poolDepth, PoolBudget budget) {
            this(RemoteCorrelations.DEFAULT_WINDOW_WORDS, poolDepth, budget);
        }

        private Session(long windowWords, int poolDepth, PoolBudget budget) {
            server = new DealerServer(d0[1], d1[1], poolDepth, budget);
            dealer = CompletableFuture.runAsync(server::run);
            p0 = RemoteCorrelations.connect(0, d0[0], windowWords);
            p1 = RemoteCorrelations.connect(1, d1[0], windowWords);
        }

        long dealerBytesToParty1() {
            return d1[0].stats().total().bytesReceived - 16;
        }

        @Override
        public void close() throws Exception {
            p1.finish();
            dealer.get(5, TimeUnit.SECONDS);
        }
    }

    static long[] combine(long[] a, long[] b, Sharing s) {
        long[] v = new long[a.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = s.combine(a[i], b[i]);
        }
        return v;
    }

    static long[][] combined(Recipe r, long[][] s0, long[][] s1) {
        long[][] v = new long[s0.length][];
        for (int i = 0; i < v.length; i++) {
            v[i] = combine(s0[i], s1[i], r.components().get(i).sharing());
        }
        return v;
    }

    /** What the derived components must be given the combined others, derived afresh as the dealer does. */
    static long[][] derivedFrom(Recipe r, long[][] combined) {
        long[][] values = new long[combined.length][];
        for (int i = 0; i < values.length; i++) {
            boolean derived = r.components().get(i).source() == Component.Source.DERIVED;
            values[i] = derived ? null : combined[i].clone();
        }
        r.derive(values);
        return values;
    }

    @Test
    void sharesCombineToCorrectCorrelations() throws Exception {
        Recipe triple = Recipes.fromSpec(new RecipeSpec("triple", 1000));
        Recipe and = new MaskedAnd(300);
        try (Session s = new Session()) {
            for (Recipe r : List.of(triple, new MaskOnly(7), and, triple)) {
                long[][] v = combined(r, s.p0.take(r), s.p1.take(r));
                long[][] expected = derivedFrom(r, v);
                for (int i = 0; i < v.length; i++) {
                    assertThat(v[i]).as(r.spec() + " component " + r.components().get(i).name())
                        .isEqualTo(expected[i]);
                }
            }
            long[][] p1 = s.p1.take(and);
            long[][] p0 = s.p0.take(and);
            assertThat(p1[0]).as("party 1's share of a value owned by party 0").containsOnly(0L);
            assertThat(p0[1]).as("random components are not constant").isNotEqualTo(new long[300]);
        }
    }

    /** The recipes of the built-in protocols, at small sizes. */
    static List<Recipe> builtinRecipes() {
        List<Recipe> rs = new ArrayList<>(List.of(ArithmeticRecipes.inputMask(0, 50),
            ArithmeticRecipes.inputMask(1, 50), ArithmeticRecipes.triple(100), ArithmeticRecipes.squarePair(100),
            ArithmeticRecipes.truncationPair(100, 16), ArithmeticRecipes.matmulTriple(Shape.of(3, 4), Shape.of(4, 5)),
            ArithmeticRecipes.conv2dTriple(Shape.of(1, 2, 5, 5), Shape.of(3, 2, 3, 3), new int[] {1, 1},
                new int[] {1, 1, 1, 1}, new int[] {1, 1}, 1)));
        rs.addAll(ComparisonRecipes.comparison(200, 64, true));
        rs.addAll(ComparisonRecipes.comparison(200, 24, false));
        return rs;
    }

    @Test
    void everyBuiltinRecipeTravelsAndCombinesToItsDerivation() throws Exception {
        List<Recipe> recipes = builtinRecipes();
        try (Session s = new Session()) {
            s.p0.prefetch(recipes);
            s.p1.prefetch(recipes);
            assertThat(s.dealerBytesToParty1()).isEqualTo(recipes.stream().mapToLong(Recipe::offlineBytes).sum());
            for (Recipe r : recipes) {
                assertThat(Recipes.fromSpec(r.spec()).spec()).isEqualTo(r.spec());
                long[][] v = combined(r, s.p0.take(r), s.p1.take(r));
                long[][] expected = derivedFrom(r, v);
                for (int i = 0; i < v.length; i++) {
                    assertThat(v[i]).as(r.spec() + " component " + r.components().get(i).name())
                        .isEqualTo(expected[i]);
                }
            }
        }
    }

    @Test
    void prefetchThenTakeNeedsNoFurtherDealerTraffic() throws Exception {
        List<Recipe> plan = List.of(Recipes.fromSpec(new RecipeSpec("triple", 4096)), new MaskOnly(10),
            new MaskedAnd(512), Recipes.fromSpec(new RecipeSpec("triple", 3)));
        long expectedBytes = plan.stream().mapToLong(Recipe::offlineBytes).sum();
        try (Session s = new Session()) {
            s.p0.prefetch(plan);
            s.p1.prefetch(plan);
            long sentAfterPrefetch = s.d1[0].stats().total().bytesSent;
            assertThat(s.p1.offlineBytesReceived()).isEqualTo(expectedBytes).isEqualTo(8L * (4096 + 2 * 512 + 3));
            assertThat(s.dealerBytesToParty1()).isEqualTo(expectedBytes);
            for (Recipe r : plan) {
                long[][] v = combined(r, s.p0.take(r), s.p1.take(r));
                long[][] expected = derivedFrom(r, v);
                assertThat(v).isDeepEqualTo(expected);
            }
            assertThat(s.p1.pending()).isZero();
            assertThat(s.d1[0].stats().total().bytesSent).as("no request after the prefetch").isEqualTo(sentAfterPrefetch);
            assertThat(s.dealerBytesToParty1()).isEqualTo(expectedBytes);
            assertThat(s.d0[0].stats().total().bytesReceived).as("party 0 receives only its seed").isEqualTo(16);
            // Takes beyond the prefetched list fall back to request/response.
            Recipe extra = Recipes.fromSpec(new RecipeSpec("triple", 5));
            assertThat(combined(extra, s.p0.take(extra), s.p1.take(extra))[2]).hasSize(5);
            assertThat(s.p1.offlineBytesReceived()).isEqualTo(expectedBytes + 40);
        }
    }

    private static List<Recipe> fiveTriplesOf1000() {
        List<Recipe> plan = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            plan.add(Recipes.fromSpec(new RecipeSpec("triple", 1000)));
        }
        return plan;
    }

    @Test
    void announcedCorrelationsArriveInBoundedWindowsAsTheyAreTaken() throws Exception {
        // a triple of 1000 takes 3000 words: a window of 4000 holds one triple at a time
        List<Recipe> plan = fiveTriplesOf1000();
        long perTriple = plan.get(0).offlineBytes();
        try (Session s = new Session(4000)) {
            s.p0.prefetch(plan);
            s.p1.prefetch(plan);
            assertThat(s.p1.offlineBytesReceived()).as("only the first window is fetched up front")
                .isEqualTo(perTriple);
            assertThat(s.p1.pending()).isEqualTo(5);
            for (int k = 0; k < plan.size(); k++) {
                Recipe r = plan.get(k);
                long[][] v = combined(r, s.p0.take(r), s.p1.take(r));
                assertThat(v).isDeepEqualTo(derivedFrom(r, v));
                // the fetcher runs at most one window ahead of the takes
                assertThat(s.p1.offlineBytesReceived()).isBetween((k + 1) * perTriple,
                    Math.min(k + 2, plan.size()) * perTriple);
                assertThat(s.p1.pending()).isEqualTo(plan.size() - k - 1);
            }
            assertThat(s.dealerBytesToParty1()).isEqualTo(5 * perTriple);
        }
    }

    @Test
    void correlationsFetchedInTheBackgroundAreDiscardedInStep() throws Exception {
        // a triple of 1000 takes 3000 words: with a window of 8000 the fetcher works in halves of 4000 (one triple
        // each) and stops once more than 4000 words are ready, i.e. after two triples, whatever the timing
        List<Recipe> plan = fiveTriplesOf1000();
        long perTriple = plan.get(0).offlineBytes();
        try (Session s = new Session(8000)) {
            s.p0.prefetchInBackground(plan);
            s.p1.prefetchInBackground(plan);
            assertThat(s.p1.fetchedAhead()).isEqualTo(2);
            // party 0 says it fetched three (a larger window): party 1 fetches the third, then both drop them
            s.p0.discardPending(3);
            s.p1.discardPending(3);
            assertThat(s.p1.offlineBytesReceived()).as("three triples fetched, then dropped").isEqualTo(3 * perTriple);
            assertThat(s.p1.pending()).isZero();
            // both streams moved past the same three triples: the next correlation still combines correctly
            Recipe next = Recipes.fromSpec(new RecipeSpec("triple", 7));
            long[][] v = combined(next, s.p0.take(next), s.p1.take(next));
            assertThat(v).isDeepEqualTo(derivedFrom(next, v));
        }
    }

    @Test
    void takingOutOfPrefetchOrderFails() throws Exception {
        try (Session s = new Session()) {
            s.p1.prefetch(List.of(new MaskOnly(4), Recipes.fromSpec(new RecipeSpec("triple", 2))));
            Recipe wrong = Recipes.fromSpec(new RecipeSpec("triple", 2));
            assertThatThrownBy(() -> s.p1.take(wrong)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("next prefetched one is test-mask-only[4]");
        }
    }

    @Test
    void unknownRecipeIsRefusedWithItsName() {
        Session s = new Session();
        Recipe unknown = new Recipe() {
            @Override
            public RecipeSpec spec() {
                return new RecipeSpec("no-such-recipe", 3);
            }

            @Override
            public List<Component> components() {
                return List.of(Component.derived("z", 3, Sharing.ARITHMETIC));
            }

            @Override
            public void derive(long[][] values) {
            }
        };
        assertThatThrownBy(() -> s.p1.take(unknown)).isInstanceOf(ProtocolException.class)
            .hasMessageContaining("dealer refused").hasMessageContaining("unknown correlation recipe 'no-such-recipe'");
        assertThatThrownBy(() -> s.dealer.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(ProtocolException.class)
            .hasMessageContaining("party1 asked for a bad recipe");
    }

    /**
     * Requests R, R, R, X, R with a pool two requests deep. The pool predicts only what it has seen follow: nothing
     * after the first R; after the second, R twice (R followed R), so the third R comes from the pool; X finds R
     * ahead, which is discarded; the last R finds nothing ahead (nothing has followed X yet) and leaves X and R ahead,
     * discarded when the session ends. Every correlation still combines to its derivation (a pooled
     * one served twice, or the dealer's streams moved by what it generated ahead, would give party 1 corrections
     * that do not match party 0's shares), the dealer sends exactly the requested corrections, and nothing stays
     * held once the session ends.
     */
    @Test
    void thePoolServesPredictedRequestsAndNeverACorrelationTwice() throws Exception {
        Recipe triple = Recipes.fromSpec(new RecipeSpec("triple", 200));
        Recipe and = new MaskedAnd(100);
        List<Recipe> r = List.of(triple, and);
        List<List<Recipe>> requests = List.of(r, r, r, List.of(and), r);
        PoolBudget budget = new PoolBudget(1 << 20);
        Session s = new Session(2, budget);
        try (s) {
            for (List<Recipe> request : requests) {
                s.p0.prefetch(request);
                s.p1.prefetch(request);
                for (Recipe recipe : request) {
                    long[][] v = combined(recipe, s.p0.take(recipe), s.p1.take(recipe));
                    assertThat(v).isDeepEqualTo(derivedFrom(recipe, v));
                }
            }
            assertThat(s.dealerBytesToParty1()).isEqualTo(requests.stream().flatMap(List::stream)
                .mapToLong(Recipe::offlineBytes).sum());
        }
        assertThat(s.server.poolHits()).isEqualTo(1);
        assertThat(s.server.poolMisses()).isEqualTo(4);
        // two ahead when X came, two when the session ended
        assertThat(s.server.poolDiscarded()).isEqualTo(4);
        assertThat(budget.heldBytes()).isZero();
    }

    /** The pool stays within its memory cap: a request whose corrections do not fit is generated when it comes. */
    @Test
    void aRequestBeyondThePoolsCapIsGeneratedWhenItComes() throws Exception {
        Recipe triple = Recipes.fromSpec(new RecipeSpec("triple", 200));
        PoolBudget budget = new PoolBudget(triple.offlineBytes() - 1);
        Session s = new Session(2, budget);
        try (s) {
            for (int k = 0; k < 3; k++) {
                long[][] v = combined(triple, s.p0.take(triple), s.p1.take(triple));
                assertThat(v).isDeepEqualTo(derivedFrom(triple, v));
                assertThat(budget.heldBytes()).isZero();
            }
        }
        assertThat(s.server.poolHits()).isZero();
        assertThat(s.server.poolMisses()).isEqualTo(3);
    }

    /** A session that fails leaves nothing in the pool: what was generated ahead for it is discarded. */
    @Test
    void aFailedSessionsPooledCorrelationsAreDiscarded() throws Exception {
        Recipe triple = Recipes.fromSpec(new RecipeSpec("triple", 200));
        PoolBudget budget = new PoolBudget(1 << 20);
        Session s = new Session(2, budget);
        for (int k = 0; k < 2; k++) { // the second request shows what follows the first: the pool predicts from then
            s.p0.take(triple);
            s.p1.take(triple);
        }
        while (budget.heldBytes() != 2 * triple.offlineBytes()) {
            Thread.sleep(1); // the dealer tops its pool up after the request
        }
        s.d1[0].close();
        assertThatThrownBy(() -> s.dealer.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(ProtocolException.class);
        assertThat(s.server.poolDiscarded()).isEqualTo(2);
        assertThat(budget.heldBytes()).isZero();
    }

    @Test
    void deadPartyGivesClearErrorAtTheDealer() {
        Session s = new Session();
        s.d1[0].close();
        assertThatThrownBy(() -> s.dealer.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(ProtocolException.class)
            .hasMessageContaining("party1 closed the connection");
    }

    @Test
    void deadDealerGivesClearErrorAtParty1() {
        Session s = new Session();
        s.d1[1].close();
        assertThatThrownBy(() -> s.p1.take(Recipes.fromSpec(new RecipeSpec("triple", 2))))
            .isInstanceOf(ProtocolException.class).hasMessageContaining("dealer closed the connection");
    }
}
