package org.cryptorch.mpc;

import java.util.ArrayList;
import java.util.List;
import org.cryptorch.net.Channel;
import org.cryptorch.net.ProtocolException;

/**
 * The remote dealer: draws fresh PRG seeds, gives each party its own, then generates party 1's corrections for the
 * recipes party 1 asks for, in the order it asks. It sees recipe names and sizes only, never inputs or outputs.
 * One instance serves one session; {@link #run} returns when party 1 ends the session.
 */
public final class DealerServer {
    private final Channel party0;
    private final Channel party1;
    private long recipesServed;
    private long correctionBytes;

    /** The channels stay owned by the caller. */
    public DealerServer(Channel party0, Channel party1) {
        this.party0 = party0;
        this.party1 = party1;
    }

    /**
     * Distributes the seeds and serves party 1 until it ends the session.
     *
     * @throws ProtocolException if a party dies, goes silent past its channel's timeout, sends a malformed request or
     *     asks for a recipe this dealer does not know (party 1 is told the reason before this is thrown)
     */
    public void run() {
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
            for (Recipe r : recipes) {
                for (long[] correction : engine.corrections(r)) {
                    party1.send(correction);
                    correctionBytes += 8L * correction.length;
                }
                recipesServed++;
            }
        }
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

    /** Payload bytes of corrections sent to party 1 so far. */
    public long correctionBytes() {
        return correctionBytes;
    }
}
