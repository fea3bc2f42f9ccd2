package org.cryptorch.net;

/** The peer broke the protocol: it died, went silent past the timeout, or sent a frame of the wrong size. */
public class ProtocolException extends RuntimeException {
    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
