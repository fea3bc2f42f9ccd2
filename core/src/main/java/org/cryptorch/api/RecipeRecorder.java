package org.cryptorch.api;

import java.util.ArrayList;
import java.util.List;
import org.cryptorch.exec.Interpreter;
import org.cryptorch.exec.WarmupPrefix;
import org.cryptorch.mpc.Correlations;
import org.cryptorch.mpc.Party;
import org.cryptorch.mpc.Recipe;
import org.cryptorch.net.Channel;
import org.cryptorch.net.TrafficStats;
import org.cryptorch.tensor.Tensor;

/**
 * Finds the correlations a program takes, in order, so the dealer can deliver them before they are needed. The
 * protocols are data-oblivious (what they take and send depends on shapes only, never on values), so a rehearsal of
 * party 0 alone, on zero inputs, against a silent peer (whatever it sends is dropped, whatever it receives is zero)
 * and zero correlations takes exactly what the real run will. Both parties take the same recipes in the same order.
 * It costs one party's local compute, outside the online phase.
 */
final class RecipeRecorder {
    /**
     * What the weight sharing at setup takes, what the warm-up prefix takes ({@link WarmupPrefix}, its
     * {@code warmupSteps} steps), then what one run takes.
     */
    record Needs(List<Recipe> setup, int warmupSteps, List<Recipe> warmup, List<Recipe> run) {
    }

    private RecipeRecorder() {
    }

    static Needs rehearse(Executable program, int inputOwner) {
        List<Recipe> taken = new ArrayList<>();
        Correlations recording = new Correlations() {
            @Override
            public long[][] take(Recipe r) {
                taken.add(r);
                return r.components().stream().map(c -> new long[c.words()]).toArray(long[][]::new);
            }

            @Override
            public long[] fixedMask(int owner, int id, int words) {
                return new long[words];
            }

            @Override
            public long offlineBytesReceived() {
                return 0;
            }
        };
        Interpreter in = program.interpreter(new Party(0, new SilentPeer(), recording, program.fractionalBits()));
        in.setup();
        int setupCount = taken.size();
        int warmupSteps = WarmupPrefix.of(program.program());
        Tensor zero = inputOwner == 0 ? program.zeroInput() : null;
        program.warmUp(in, zero, warmupSteps);
        int warmupCount = taken.size();
        program.run(in, zero);
        return new Needs(List.copyOf(taken.subList(0, setupCount)), warmupSteps,
            List.copyOf(taken.subList(setupCount, warmupCount)), List.copyOf(taken.subList(warmupCount, taken.size())));
    }

    /** A peer that takes everything and answers zeros. */
    private static final class SilentPeer implements Channel {
        private final TrafficStats stats = new TrafficStats();

        @Override
        public String peer() {
            return Links.PARTY1;
        }

        @Override
        public void send(long[] data, int offset, int length) {
        }

        @Override
        public void receive(long[] dst, int offset, int length) {
            java.util.Arrays.fill(dst, offset, offset + length, 0L);
        }

        @Override
        public void sendBytes(byte[] data) {
        }

        @Override
        public byte[] receiveBytes() {
            throw new UnsupportedOperationException("protocols exchange words, not byte messages");
        }

        @Override
        public TrafficStats stats() {
            return stats;
        }

        @Override
        public void close() {
        }
    }
}
