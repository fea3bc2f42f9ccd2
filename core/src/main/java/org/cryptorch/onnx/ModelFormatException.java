package org.cryptorch.onnx;

/**
 * A model or tensor file that cannot be read: malformed bytes, a field of the wrong type, data that contradicts its
 * declared shape, or a feature CrypTorch does not take (external data, graph attributes). The message names the
 * field or message that could not be read.
 */
public final class ModelFormatException extends RuntimeException {
    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
