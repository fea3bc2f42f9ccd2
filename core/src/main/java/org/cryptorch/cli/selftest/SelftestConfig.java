package org.cryptorch.cli.selftest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sizes and settings of one selftest run, passed from the launching process to its children as
 * {@code key=value} arguments.
 *
 * @param elements     elements of element-wise protocols and comparisons
 * @param matmulSize   n of the n x n x n matrix product
 * @param convChannels input and output channels of the 32x32 convolution with a 3x3 kernel
 * @param repeat       measured runs of each check after its warm-up (the line reports their median time)
 * @param timeout      longest wait for any single step (a message, a process start, a process exit)
 * @param keyDir       certificates for mutual TLS, or null for plaintext TCP
 * @param only         names of the checks to run; empty runs all
 */
public record SelftestConfig(int elements, int matmulSize, int convChannels, int repeat, Duration timeout, Path keyDir,
                             List<String> only) {
    public SelftestConfig {
        positive(elements, "elements");
        positive(matmulSize, "matmul size");
        positive(convChannels, "conv channels");
        positive(repeat, "repeat");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout.toSeconds() + " s");
        }
        only = List.copyOf(only);
    }

    private static void positive(int v, String what) {
        if (v <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + v);
        }
    }

    List<String> toArgs() {
        List<String> a = new ArrayList<>();
        a.add("elements=" + elements);
        a.add("matmul=" + matmulSize);
        a.add("conv=" + convChannels);
        a.add("repeat=" + repeat);
        a.add("timeout=" + timeout.toMillis());
        a.add("keys=" + (keyDir == null ? "" : keyDir.toString()));
        a.add("only=" + String.join(",", only));
        return a;
    }

    static SelftestConfig fromArgs(List<String> args) {
        Map<String, String> m = new HashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("expected key=value, got '" + a + "'");
            }
            m.put(a.substring(0, eq), a.substring(eq + 1));
        }
        String keys = need(m, "keys");
        String only = need(m, "only");
        return new SelftestConfig(Integer.parseInt(need(m, "elements")), Integer.parseInt(need(m, "matmul")),
            Integer.parseInt(need(m, "conv")), Integer.parseInt(need(m, "repeat")), Duration.ofMillis(Long.parseLong(need(m, "timeout"))),
            keys.isEmpty() ? null : Path.of(keys), only.isEmpty() ? List.of() : List.of(only.split(",")));
    }

    private static String need(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing argument " + key + "=...");
        }
        return v;
    }
}
