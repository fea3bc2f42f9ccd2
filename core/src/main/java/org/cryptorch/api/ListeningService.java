package org.cryptorch.api;

import java.util.concurrent.CountDownLatch;
import org.cryptorch.net.Listener;

/**
 * A service that accepts sessions on a listener, on a thread of its own, until stopped: what the model server and
 * the dealer service share. Stopping closes the listener (no new session) and lets the running one end.
 */
abstract class ListeningService implements AutoCloseable {
    final Listener listener;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;

    ListeningService(Listener listener) {
        this.listener = listener;
    }

    /** Runs {@link #serve} on a thread named {@code name}. */
    final void startThread(String name) {
        Thread t = new Thread(() -> {
            try {
                serve();
            } finally {
                stopped.countDown();
            }
        }, name);
        t.start();
    }

    /** Accepts and serves sessions while {@link #stopping} is false. */
    abstract void serve();

    final boolean stopping() {
        return stopping;
    }

    /** The port the service listens on. */
    public final int port() {
        return listener.port();
    }

    /** Refuses new sessions; the running one ends as the service defines. */
    public final void stop() {
        stopping = true;
        listener.close();
    }

    /** Waits until the service has stopped. */
    public final void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    @Override
    public final void close() throws InterruptedException {
        stop();
        awaitStopped();
    }
}
