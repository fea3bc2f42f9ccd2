package org.cryptorch.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.cryptorch.mpc.RemoteCorrelations;
import org.cryptorch.net.NetConfig;

/**
 * A deployment of the three processes, read from a YAML file:
 * <pre>
 * certificates: keys          # directory written by `cryptorch keygen`, relative to this file
 * timeout_seconds: 300        # longest wait for a connection or a message (the dealer waits this long between batches)
 * dealer: {host: 10.0.0.3, port: 7100}
 * party1: {host: 10.0.0.2, port: 7101}
 * party0: {host: 10.0.0.1}    # party 0 only connects, so it needs no port
 * prefetch_mb: 256            # optional: correlation shares a serving party holds ahead of the next query
 * </pre>
 * A listening process binds its {@code host} only (add {@code listen: 0.0.0.0} to bind every interface, e.g. behind
 * NAT).
 * Each host needs only its own keystore and the certificates of its peers in that directory. {@code tls: false}
 * instead of {@code certificates} runs plain TCP, allowed only when every process is on loopback.
 */
public record ClusterConfig(Endpoint dealer, Endpoint party1, Endpoint party0, Path certificates, Duration timeout,
                            long prefetchWords) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * Where one process is reached (port 0: it does not listen), and the address it listens on: {@code listen} if
     * given (such as 0.0.0.0 behind NAT, where the host's public address is on no interface), else {@code host}.
     */
    public record Endpoint(String host, int port, String listen) {
        String bindHost() {
            return listen == null ? host : listen;
        }
    }

    /** The file's fields as written. */
    private record FileForm(@JsonProperty("certificates") String certificates, @JsonProperty("tls") Boolean tls,
                            @JsonProperty("timeout_seconds") Long timeoutSeconds,
                            @JsonProperty("dealer") Endpoint dealer, @JsonProperty("party1") Endpoint party1,
                            @JsonProperty("party0") Endpoint party0,
                            @JsonProperty("prefetch_mb") Long prefetchMb) {
    }

    public static ClusterConfig load(Path file) {
        FileForm f;
        try {
            f = YAML.readValue(Files.readString(file), FileForm.class);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cluster file " + file + " does not exist", e);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file.getFileName() + ": not a cluster file (not UTF-8 text)", e);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]"
                : r.getFieldName()).collect(Collectors.joining("."));
            throw new IllegalArgumentException(file.getFileName() + ": not a valid cluster file"
                + (field.isEmpty() ? "" : " at '" + field + "'") + ": "
                + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(file.getFileName() + ": not a valid cluster file: "
                + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (f == null) {
            throw new IllegalArgumentException(file.getFileName() + ": empty cluster file");
        }
        boolean tls = f.tls() == null || f.tls();
        if (tls == (f.certificates() == null)) {
            throw new IllegalArgumentException(file.getFileName() + ": give 'certificates: DIR' (from cryptorch "
                + "keygen) for TLS, or 'tls: false' for plain TCP, not both");
        }
        Duration timeout = f.timeoutSeconds() == null ? RunOptions.DEFAULT_TIMEOUT
            : Duration.ofSeconds(f.timeoutSeconds());
        NetConfig.checkTimeout(file.getFileName() + ": timeout_seconds", timeout);
        if (f.prefetchMb() != null && f.prefetchMb() <= 0) {
            throw new IllegalArgumentException(file.getFileName() + ": prefetch_mb must be positive, got "
                + f.prefetchMb());
        }
        long prefetchWords = f.prefetchMb() == null ? RemoteCorrelations.DEFAULT_WINDOW_WORDS
            : f.prefetchMb() * (1L << 20) / Long.BYTES;
        Path dir = file.toAbsolutePath().getParent();
        ClusterConfig c = new ClusterConfig(listening(file, "dealer", f.dealer()), listening(file, "party1",
            f.party1()), connecting(file, f.party0()), tls ? dir.resolve(f.certificates()) : null, timeout,
            prefetchWords);
        if (!tls) {
            c.requireLoopback(file);
        }
        return c;
    }

    /** Whether the processes talk plain TCP ({@code tls: false}): allowed on loopback only. */
    public boolean plaintext() {
        return certificates == null;
    }

    /**
     * Plain TCP sends shares and outputs unencrypted and lets anyone on the path pose as a party, so
     * {@code tls: false} is refused unless every process is on this host's loopback.
     */
    private void requireLoopback(Path file) {
        for (String role : List.of(Links.DEALER, Links.PARTY1, Links.PARTY0)) {
            Endpoint e = endpoint(role);
            for (String host : e.listen() == null ? List.of(e.host()) : List.of(e.host(), e.listen())) {
                if (!isLoopback(host)) {
                    throw new IllegalArgumentException(file.getFileName() + ": tls: false is allowed on loopback "
                        + "only, but " + role + " is at " + host + " (plain TCP exposes shares and outputs on the "
                        + "network): use 'certificates: DIR' from cryptorch keygen");
                }
            }
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The network settings of process {@code self}. */
    public NetConfig net(String self) {
        NetConfig n = certificates == null ? NetConfig.plaintext(self) : NetConfig.tls(self, certificates);
        return n.withTimeout(timeout).withConnectTimeout(timeout);
    }

    /** The addresses in this file, for a process that reads nothing from a parent. */
    public Rendezvous rendezvous() {
        return new Rendezvous() {
            @Override
            public void listening(int port) {
            }

            @Override
            public String host(String role) {
                return endpoint(role).host();
            }

            @Override
            public int port(String role) {
                return endpoint(role).port();
            }

            @Override
            public String bindHost(String role) {
                return endpoint(role).bindHost();
            }
        };
    }

    Endpoint endpoint(String role) {
        return switch (role) {
            case Links.DEALER -> dealer;
            case Links.PARTY1 -> party1;
            case Links.PARTY0 -> party0;
            default -> throw new IllegalArgumentException("no role '" + role + "' in a cluster");
        };
    }

    private static Endpoint listening(Path file, String role, Endpoint e) {
        if (e == null || e.host() == null || e.port() <= 0 || e.port() > 65535) {
            throw new IllegalArgumentException(file.getFileName() + ": '" + role + "' needs a host and a port in "
                + "[1, 65535], e.g. " + role + ": {host: 10.0.0.2, port: 7101}");
        }
        return e;
    }

    private static Endpoint connecting(Path file, Endpoint e) {
        if (e == null || e.host() == null) {
            throw new IllegalArgumentException(file.getFileName() + ": 'party0' needs a host, e.g. "
                + "party0: {host: 10.0.0.1}");
        }
        return e;
    }
}
