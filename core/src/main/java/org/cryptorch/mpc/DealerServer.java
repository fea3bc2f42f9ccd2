package org.cryptorch.mpc;

import java.util.ArrayList;
import java.util.List;
import org.cryptorch.net.Channel;
import org.cryptorch.net.ProtocolException;

/**
 * The remote dealer: draws fresh PRG seeds, gives each party its own, then generates party 1's corrections for the
 * recipes party 1 asks for, in the order it asks, from a {@link CorrelationPool} of requests generated ahead when
 * the pool predicted them. It sees recipe names and sizes only, never inputs or outputs. One instance serves one
 * session; {@link #run} returns when party 1 ends the session.
 */
public final class DealerServer {
    private final Channel party0;
    private final Channel party1;
    private final CorrelationPool pool;
    private long recipesServed;
    private long correctionBytes;

    /** A dealer that generates each request when it comes (a one-shot run's requests do not repeat). */
    public DealerServer(Channel party0, Channel party1) {
        this(party0, party1, 0, new PoolBudget(0));
    }

    /**
     * A dealer that generates up to {@code poolDepth} predicted requests ahead, within {@code budget}. The channels
     * stay owned by the caller.
     */
    public DealerServer(Channel party0, Channel party1, int poolDepth, PoolBudget budget) {
        this.party0 = party0;
        this.party1 = party1;
        this.pool = new CorrelationPool(poolDepth, budget);
    }

    /**
     * Distributes the seeds and serves party 1 until it ends the session.
     *
     * @throws ProtocolException if a party dies, goes silent past its channel's timeout, sends a malformed request or
     *     asks for a recipe this dealer does not know (party 1 is told the reason before this is thrown); what
     *     the pool generated ahead is discarded either way
     */
    public void run() {
        try (pool) {
            serve();
        }
    }

    private void serve() {
        party0.stats().setLabel(DealerWire.LABEL);
        party1.stats().setLabel(DealerWire.LABEL);
        byte[] seed0 = Prg.freshSeed();
        byte[] seed1 = Prg.freshSeed();
        party0.sendBytes(seed0);
        party1.sendBytes(seed1);
        DealerEngine engine = new DealerEngine(seed0, seed1);
        while (true) {
            List<RecipeSpec> specs = DealerWire.decode(party1.receiveBytes(), party1.peer());
            if (specs.isEmpty()) {
                return;
            }
            List<Recipe> recipes = rebuild(specs);
            party1.sendBytes(new byte[0]);
            CorrelationPool.Generated ahead = pool.take(specs, recipes);
            if (ahead != null) {
                ahead.corrections().forEach(this::send);
                engine = ahead.after();
            } else {
                for (Recipe r : recipes) {
                    send(engine.corrections(r));
                }
            }
            pool.fill(engine);
        }
    }

    private void send(long[][] corrections) {
        for (long[] c : corrections) {
            party1.send(c);
            correctionBytes += 8L * c.length;
        }
        recipesServed++;
    }

    /** Rebuilds every recipe before generating any, so a refused request leaves the PRGs untouched. */
    private List<Recipe> rebuild(List<RecipeSpec> specs) {
        List<Recipe> recipes = new ArrayList<>(specs.size());
        for (RecipeSpec s : specs) {
            try {
                recipes.add(Recipes.fromSpec(s));
            } catch (RuntimeException e) {
                String reason = "cannot build recipe " + s + ": " + e.getMessage();
                party1.sendBytes(DealerWire.refusal(reason));
                throw new ProtocolException("dealer: " + party1.peer() + " asked for a bad recipe: " + reason, e);
            }
        }
        return recipes;
    }

    public long recipesServed() {
        return recipesServed;
    }

    /** Requests served from the pool (generated ahead). */
    public long poolHits() {
        return pool.hits();
    }

    /** Requests generated when they came. */
    public long poolMisses() {
        return pool.misses();
    }

    /** Requests generated ahead and discarded unsent. */
    public long poolDiscarded() {
        return pool.discarded();
    }

    /** Payload bytes of corrections sent to party 1 so far. */
    public long correctionBytes() {
        return correctionBytes;
    }
}
