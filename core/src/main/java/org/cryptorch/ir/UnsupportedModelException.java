package org.cryptorch.ir;

/**
 * A model the library cannot take: an op, an attribute or a combination that the reference interpreter, the
 * canonicaliser or the compiler does not support, or weights beyond the fixed-point range. The message names the
 * node (or weight) and why, in one line: the CLI prints it as it is. Distinct from a bug (any other runtime
 * exception) and from bad inputs ({@link InvalidInputException}); it is an {@link IllegalArgumentException} since
 * the model is an argument the caller chose.
 */
public class UnsupportedModelException extends IllegalArgumentException {
    public UnsupportedModelException(String message) {
        super(message);
    }

    public UnsupportedModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
