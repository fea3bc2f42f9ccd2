package org.cryptorch.api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.cryptorch.exec.Interpreter;
import org.cryptorch.mpc.Correlations;
import org.cryptorch.mpc.LocalDealer;
import org.cryptorch.mpc.Party;
import org.cryptorch.mpc.Recipe;
import org.cryptorch.net.InMemoryChannel;
import org.cryptorch.tensor.FloatTensor;

/**
 * Finds the correlations a program takes, in order, so the dealer can deliver them before they are needed. The
 * protocols are data-oblivious (what they take depends on shapes only), so a rehearsal of both parties in this
 * process on zero inputs takes exactly what the real run will. It costs local compute, outside the online phase.
 */
final class RecipeRecorder {
    /** What the weight sharing at setup takes, then what one run takes. */
    record Needs(List<Recipe> setup, List<Recipe> run) {
    }

    private RecipeRecorder() {
    }

    static Needs rehearse(Executable program, int inputOwner) {
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
        FloatTensor zeros = FloatTensor.zeros(program.inputShape());
        CompletableFuture<Void> party1 = CompletableFuture.runAsync(() -> {
            Interpreter in = program.interpreter(new Party(1, link[1], dealer[1], program.fractionalBits()));
            in.setup();
            program.run(in, inputOwner == 1 ? zeros : null);
        });
        try {
            Interpreter in = program.interpreter(new Party(0, link[0], recording, program.fractionalBits()));
            in.setup();
            int setupCount = taken.size();
            program.run(in, inputOwner == 0 ? zeros : null);
            party1.join();
            return new Needs(List.copyOf(taken.subList(0, setupCount)),
                List.copyOf(taken.subList(setupCount, taken.size())));
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } finally {
            link[0].close();
            link[1].close();
        }
    }
}
