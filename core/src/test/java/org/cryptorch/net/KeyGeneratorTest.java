package org.cryptorch.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyGeneratorTest {
    @TempDir
    Path dir;

    private List<String> listing() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesLoadableKeystoresWithOwnerOnlyPermissionsAndMatchingCertificates() throws Exception {
        List<Path> written = KeyGenerator.generate(dir, List.of("party0", "dealer"), "10.1.2.3", false);
        assertThat(written).hasSize(6);
        assertThat(listing()).containsExactly("dealer.crt", "dealer.p12", "dealer.pass", "party0.crt", "party0.p12",
            "party0.pass");
        KeyFiles f = new KeyFiles(dir, "dealer");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.keystore()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.password()))).isEqualTo("rw-------");

        char[] password = Files.readString(f.password()).strip().toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(f.keystore())) {
            ks.load(in, password);
        }
        assertThat(ks.getKey("dealer", password)).isInstanceOf(PrivateKey.class);
        X509Certificate inStore = (X509Certificate) ks.getCertificate("dealer");
        X509Certificate exported = PinnedTls.readCertificate(f.certificate());
        assertThat(exported).isEqualTo(inStore);
        assertThat(exported.getSubjectX500Principal().getName()).isEqualTo("CN=dealer");
        assertThat(((ECPublicKey) exported.getPublicKey()).getParams().getCurve().getField().getFieldSize())
            .isEqualTo(256);
        assertThat(exported.getSubjectAlternativeNames().stream().map(l -> String.valueOf(l.get(1))))
            .containsExactlyInAnyOrder("localhost", "127.0.0.1", "10.1.2.3");
        assertThat(PinnedTls.readCertificate(new KeyFiles(dir, "party0").certificate())).isNotEqualTo(exported);
    }

    @Test
    void extraHostNameGoesIntoTheSanAsDns() {
        assertThat(KeyGenerator.subjectAltNames("mpc.example.org"))
            .isEqualTo("dns:localhost,ip:127.0.0.1,dns:mpc.example.org");
        assertThat(KeyGenerator.subjectAltNames("localhost")).isEqualTo("dns:localhost,ip:127.0.0.1");
        assertThat(KeyGenerator.subjectAltNames("::1")).isEqualTo("dns:localhost,ip:127.0.0.1,ip:::1");
    }

    @Test
    void refusesToOverwriteUnlessForced() throws Exception {
        KeyGenerator.generate(dir, List.of("party1"), null, false);
        byte[] before = Files.readAllBytes(new KeyFiles(dir, "party1").certificate());
        assertThatThrownBy(() -> KeyGenerator.generate(dir, List.of("party0", "party1"), null, false))
            .isInstanceOf(FileAlreadyExistsException.class)
            .hasMessageEndingWith("party1.p12 already exists (use --force to overwrite)");
        assertThat(listing()).containsExactly("party1.crt", "party1.p12", "party1.pass");

        KeyGenerator.generate(dir, List.of("party1"), null, true);
        assertThat(Files.readAllBytes(new KeyFiles(dir, "party1").certificate())).isNotEqualTo(before);
    }

    @Test
    void keytoolFailureLeavesNoPartialOutput() throws Exception {
        assertThatThrownBy(() -> KeyGenerator.generate(dir, List.of("party0", "party1"), "bad host!", false))
            .hasMessageStartingWith("keytool -genkeypair failed");
        assertThat(listing()).isEmpty();
    }

    @Test
    void rejectsBadIdentities() {
        assertThatThrownBy(() -> KeyGenerator.generate(dir, List.of("party 0"), null, false))
            .hasMessage("identity 'party 0' must consist of letters, digits, _ or -");
        assertThatThrownBy(() -> KeyGenerator.generate(dir, List.of("a", "a"), null, false))
            .hasMessage("identities must be distinct: [a, a]");
    }
}
