package org.cryptorch.approx;

/**
 * An approximation refuses a configuration: knob values outside their domain or that do not fit together (a
 * comparison width too narrow for the thresholds), or a site it cannot take (an axis or padding it does not
 * handle). Approximations signal this with an {@link IllegalArgumentException}, which the compiler turns into this
 * exception naming the site, the approximation and its knob values. For a plan a user wrote it is a user error; the
 * tuner drops such a candidate from its search. Any other exception out of an approximation is a bug, and fails
 * compilation and tuning loudly.
 */
public class ConfigurationRejectedException extends IllegalArgumentException {
    public ConfigurationRejectedException(String message) {
        super(message);
    }

    public ConfigurationRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
