package org.cryptorch.cli.bench;

import org.cryptorch.net.link.LinkSettings;
import org.cryptorch.tune.NetworkProfile;

/**
 * A network a benchmark runs on: the profile the cost model prices it with and the emulated link between the parties
 * (none on loopback, which is this machine's own network).
 */
public record BenchNetwork(NetworkProfile profile, LinkSettings link) {
    static BenchNetwork parse(String name) {
        NetworkProfile p = NetworkProfile.parse(name);
        if (p == NetworkProfile.LOOPBACK) {
            return new BenchNetwork(p, null);
        }
        return new BenchNetwork(p, p.link());
    }

    String name() {
        return profile.name();
    }
}
