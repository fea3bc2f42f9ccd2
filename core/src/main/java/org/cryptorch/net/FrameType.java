package org.cryptorch.net;

/** The first byte of every frame on the wire. */
enum FrameType {
    /** Payload is ring elements: 8-byte little-endian longs. */
    RING(1),
    /** Payload is opaque bytes. */
    BYTES(2),
    /** Connection setup: payload is "cryptorch/1 " followed by the sender's identity (UTF-8). */
    HELLO(3),
    /** Connection setup refused: payload is the reason (UTF-8); the sender closes the connection after it. */
    REJECT(4);

    final byte code;

    FrameType(int code) {
        this.code = (byte) code;
    }

    /** The type with this code, or null for an unknown code. */
    static FrameType of(byte code) {
        for (FrameType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
