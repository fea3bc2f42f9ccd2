package org.cryptorch.net;

import java.nio.charset.StandardCharsets;

/** One decoded frame: a {@code long[]} payload for {@link FrameType#RING}, a {@code byte[]} for all others. */
record Frame(FrameType type, Object payload) {
    String text() {
        return new String((byte[]) payload, StandardCharsets.UTF_8);
    }
}
