package org.cryptorch.api;

import java.io.IOException;

/**
 * How a process learns where its peers listen. A listening process announces its port first; then it asks for the
 * addresses it connects to, in the order dealer, party1. Deployed processes take everything from the cluster file;
 * processes started by {@code cryptorch run} listen on free ports and exchange them through their parent.
 */
public interface Rendezvous {
    /** Called once this process listens, with the port it got. */
    void listening(int port);

    /** The host {@code role} listens on. */
    String host(String role);

    /** The address {@code role} binds when it listens: the one it is reached at unless the deployment says else. */
    default String bindHost(String role) {
        return host(role);
    }

    /** The port {@code role} listens on. */
    int port(String role) throws IOException;

    /** Called once every address this process needs is known: from here on only the peers matter. */
    default void addressesKnown() {
    }
}
