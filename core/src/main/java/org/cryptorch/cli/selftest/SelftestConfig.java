package org.cryptorch.cli.selftest;

import org.cryptorch.net.NetConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.cryptorch.launch.KeyValueArgs;

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
        NetConfig.checkTimeout("--timeout", timeout);
        only = List.copyOf(only);
    }

    private static void positive(int v, String what) {
        if (v <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + v);
        }
    }

    List<String> toArgs() {
        return new KeyValueArgs.Builder().put("elements", elements).put("matmul", matmulSize)
            .put("conv", convChannels).put("repeat", repeat).put("timeout", timeout.toMillis())
            .put("keys", keyDir).put("only", String.join(",", only)).build();
    }

    static SelftestConfig fromArgs(List<String> args) {
        KeyValueArgs a = KeyValueArgs.parse(args);
        String keys = a.get("keys");
        String only = a.get("only");
        return new SelftestConfig(Integer.parseInt(a.get("elements")), Integer.parseInt(a.get("matmul")),
            Integer.parseInt(a.get("conv")), Integer.parseInt(a.get("repeat")),
            Duration.ofMillis(Long.parseLong(a.get("timeout"))), keys.isEmpty() ? null : Path.of(keys),
            only.isEmpty() ? List.of() : List.of(only.split(",")));
    }
}
