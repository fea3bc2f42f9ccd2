package org.cryptorch.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.cryptorch.net.link.LinkEmulator;
import org.cryptorch.net.link.LinkSettings;
import org.cryptorch.tune.NetworkProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cryptorch link}: an emulated LAN or WAN link between processes on this machine. */
@Command(name = "link", mixinStandardHelpOptions = true,
    description = {"Relays TCP connections from a loopback port to HOST:PORT on this machine like a network link: "
        + "each direction is delayed by half the RTT and limited to the given rate. Parties, dealer and TLS run "
        + "through it unchanged: point a cluster file's address at the link's port. Runs until interrupted.",
        "Example: cryptorch link --listen 7201 --to 127.0.0.1:7101 --profile wan"})
public final class LinkCommand implements Callable<Integer> {
    @Option(names = "--listen", required = true, description = "Loopback port to accept connections on.")
    int listen;

    @Option(names = "--to", required = true, description = "HOST:PORT to forward to (a loopback address).")
    String to;

    @Option(names = "--profile", description = "lan (0.3 ms RTT, 3 Gbit/s) or wan (40 ms RTT, 400 Mbit/s).")
    String profile;

    @Option(names = "--rtt", description = "Round-trip time in ms (with --mbit, instead of --profile).")
    Double rttMillis;

    @Option(names = "--mbit", description = "Rate of each direction in Mbit/s (with --rtt, instead of --profile).")
    Double mbits;

    @Override
    public Integer call() throws Exception {
        LinkSettings settings = settings();
        int colon = to.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--to must be HOST:PORT, got '" + to + "'");
        }
        int port;
        try {
            port = Integer.parseInt(to.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--to must be HOST:PORT, got '" + to + "'");
        }
        try (LinkEmulator link = LinkEmulator.start(listen, to.substring(0, colon), port, settings)) {
            System.out.printf(Locale.ROOT, "link 127.0.0.1:%d -> %s: %s each way%n", link.port(), to, settings);
            System.out.flush();
            new CountDownLatch(1).await();
        }
        return 0;
    }

    private LinkSettings settings() {
        if (profile != null) {
            if (rttMillis != null || mbits != null) {
                throw new IllegalArgumentException("give either --profile or --rtt and --mbit, not both");
            }
            return linkOf(profile);
        }
        if (rttMillis == null || mbits == null) {
            throw new IllegalArgumentException("give --profile lan|wan, or both --rtt MS and --mbit N");
        }
        return LinkSettings.ofRttMillisAndMbits(rttMillis, mbits);
    }

    /** The link of a network profile: {@code lan}, {@code wan} or {@code RTT_MS,MBITS}, not loopback. */
    static LinkSettings linkOf(String network) {
        NetworkProfile p = NetworkProfile.parse(network);
        if (p == NetworkProfile.LOOPBACK) {
            throw new IllegalArgumentException("loopback is this machine's own network, not a link to emulate: use "
                + "lan, wan or RTT_MS,MBITS");
        }
        return p.link();
    }
}
