package org.cryptorch.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.cryptorch.net.KeyGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cryptorch keygen}: writes the pinned TLS keystores and certificates of a deployment. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
    description = {"Writes one PKCS12 keystore (EC secp256r1, self-signed) per identity, its random password and "
        + "its public certificate: NAME.p12 and NAME.pass (owner-only permissions) and NAME.crt.",
        "Give each party its own NAME.p12 and NAME.pass and the .crt files of its peers; each side trusts exactly "
            + "those pinned certificates."})
public final class KeygenCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, description = "Directory to write the files into (created if absent).")
    Path out;

    @Option(names = "--names", split = ",", defaultValue = "party0,party1,dealer",
        description = "Comma-separated identities (default: ${DEFAULT-VALUE}).")
    List<String> names;

    @Option(names = "--host", defaultValue = "localhost",
        description = "Extra host name or IP address put in the certificates' SAN, besides localhost and 127.0.0.1.")
    String host;

    @Option(names = "--force", description = "Overwrite existing files.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        for (Path p : KeyGenerator.generate(out, names, host, force)) {
            System.out.println("wrote " + p);
        }
        return 0;
    }
}
