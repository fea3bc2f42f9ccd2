package org.cryptorch.api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.cryptorch.mpc.Correlations;
import org.cryptorch.mpc.LocalDealer;
import org.cryptorch.mpc.Party;
import org.cryptorch.mpc.Recipe;
import org.cryptorch.net.InMemoryChannel;
import org.cryptorch.tensor.FloatTensor;
import org.cryptorch.tensor.Shape;

/**
 * Finds the correlations a program takes, in order, so the dealer can deliver them before the online phase. The
 * protocols are data-oblivious (what they take depends on shapes only), so a rehearsal of both parties in this
 * process on zero inputs takes exactly what the real run will. It costs local compute in the offline phase only.
 */
final class RecipeRecorder {
    private RecipeRecorder() {
    }

    static List<Recipe> recipes(Executable program, Shape inputShape, Ownership owners, int fractionalBits) {
        InMemoryChannel[] link = InMemoryChannel.pair(Links.PARTY0, Links.PARTY1);
        Correlations[] dealer = LocalDealer.pair();
        List<Recipe> taken = new ArrayList<>();
        Correlations recording = new Correlations() {
            @Override
            public long[][] take(Recipe r) {
                taken.add(r);
                return dealer[0].take(r);
            }

            @Override
            public long offlineBytesReceived() {
                return 0;
            }
        };
        FloatTensor zeros = FloatTensor.zeros(inputShape);
        CompletableFuture<Void> party1 = CompletableFuture.runAsync(() -> program.runParty(
            new Party(1, link[1], dealer[1], fractionalBits), owners.inputOwner() == 1 ? zeros : null,
            Executable.OpListener.NONE));
        try {
            program.runParty(new Party(0, link[0], recording, fractionalBits), owners.inputOwner() == 0 ? zeros : null,
                Executable.OpListener.NONE);
            party1.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } finally {
            link[0].close();
            link[1].close();
        }
        return taken;
    }
}
