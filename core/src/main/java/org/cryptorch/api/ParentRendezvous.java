package org.cryptorch.api;

import java.io.IOException;
import org.cryptorch.launch.ParentLink;

/**
 * Rendezvous through the parent process on loopback: reports {@code port N} and reads {@code dealer N} and
 * {@code party1 N}. Once it knows every address, the process exits as soon as its parent is gone.
 */
public final class ParentRendezvous implements Rendezvous {
    public static final String HOST = "127.0.0.1";

    private final ParentLink parent;

    public ParentRendezvous(ParentLink parent) {
        this.parent = parent;
    }

    @Override
    public void listening(int port) {
        parent.report("port", String.valueOf(port));
    }

    @Override
    public String host(String role) {
        return HOST;
    }

    @Override
    public int port(String role) throws IOException {
        return Integer.parseInt(parent.expect(role));
    }

    @Override
    public void addressesKnown() {
        parent.exitWhenOrphaned();
    }
}
