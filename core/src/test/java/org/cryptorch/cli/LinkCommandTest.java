package org.cryptorch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.cryptorch.net.link.LinkSettings;
import org.junit.jupiter.api.Test;

class LinkCommandTest {
    @Test
    void profilesAreTheNetworkProfilesHalvedIntoOneWayDelays() {
        assertThat(LinkCommand.linkOf("wan")).isEqualTo(new LinkSettings(20_000_000, 50e6));
        assertThat(LinkCommand.linkOf("lan")).isEqualTo(new LinkSettings(150_000, 375e6));
        assertThat(LinkCommand.linkOf("10,80")).isEqualTo(new LinkSettings(5_000_000, 10e6));
    }

    @Test
    void badArgumentsFailInOneLine() {
        assertThat(CliRun.of("link", "--listen", "0", "--to", "127.0.0.1:1").err())
            .contains("give --profile lan|wan, or both --rtt MS and --mbit N");
        assertThat(CliRun.of("link", "--listen", "0", "--to", "127.0.0.1:1", "--profile", "loopback").err())
            .contains("loopback is this machine's own network");
        assertThat(CliRun.of("link", "--listen", "0", "--to", "127.0.0.1", "--profile", "wan").err())
            .contains("--to must be HOST:PORT, got '127.0.0.1'");
        CliRun offMachine = CliRun.of("link", "--listen", "0", "--to", "192.0.2.1:80", "--rtt", "1", "--mbit", "1");
        assertThat(offMachine.status()).isEqualTo(1);
        assertThat(offMachine.err()).contains("192.0.2.1 is not a loopback address");
        assertThat(CliRun.of("link", "--listen", "0", "--to", "127.0.0.1:1", "--profile", "wan", "--rtt", "3").err())
            .contains("not both");
    }
}
