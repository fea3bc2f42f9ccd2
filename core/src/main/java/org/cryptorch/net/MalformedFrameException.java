package org.cryptorch.net;

import java.io.IOException;

/** The bytes on the wire are not a valid frame; the stream cannot be resynchronised and must be closed. */
final class MalformedFrameException extends IOException {
    MalformedFrameException(String message) {
        super(message);
    }
}
