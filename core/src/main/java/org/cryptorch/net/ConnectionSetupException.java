package org.cryptorch.net;

/** A connection could not be established: port in use, peer unreachable, TLS or identity check failed. */
public class ConnectionSetupException extends RuntimeException {
    public ConnectionSetupException(String message) {
        super(message);
    }

    public ConnectionSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
