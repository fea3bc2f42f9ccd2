package org.cryptorch.net;

import java.nio.file.Path;

/**
 * The layout of a key directory written by {@code cryptorch keygen}: for each identity {@code NAME},
 * {@code NAME.p12} (PKCS12 keystore with its private key, owner-only permissions), {@code NAME.pass} (the
 * keystore's random password, owner-only) and {@code NAME.crt} (its public certificate, PEM, to give to peers).
 * A deployed party needs its own three files and the peers' {@code .crt} files only.
 */
public record KeyFiles(Path dir, String name) {
    public Path keystore() {
        return dir.resolve(name + ".p12");
    }

    public Path password() {
        return dir.resolve(name + ".pass");
    }

    public Path certificate() {
        return dir.resolve(name + ".crt");
    }
}
