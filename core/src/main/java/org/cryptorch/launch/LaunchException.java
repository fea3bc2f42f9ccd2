package org.cryptorch.launch;

/** A child process failed, died or missed a deadline; the message names the process and what went wrong. */
public class LaunchException extends RuntimeException {
    public LaunchException(String message) {
        super(message);
    }

    public LaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
