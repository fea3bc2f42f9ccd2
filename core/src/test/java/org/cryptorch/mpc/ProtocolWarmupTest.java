package org.cryptorch.mpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProtocolWarmupTest {
    @Test
    void bothSimulatedPartiesRunEveryProtocolToTheEnd() throws Exception {
        CompletableFuture<Void> warmup = ProtocolWarmup.start();
        warmup.get(120, TimeUnit.SECONDS);
        assertThat(warmup).isCompleted();
        ProtocolWarmup.await(warmup);
    }
}
