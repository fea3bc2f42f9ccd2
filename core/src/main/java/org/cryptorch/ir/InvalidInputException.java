package org.cryptorch.ir;

/**
 * Inputs a model cannot run on: a wrong shape or element type, no samples, values beyond the fixed-point range or
 * outside the range an approximation (or a tuned plan's calibration) is accurate on. The message names the input
 * and what was expected, in one line.
 */
public class InvalidInputException extends IllegalArgumentException {
    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
