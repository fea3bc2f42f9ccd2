package org.cryptorch.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Mutual TLS 1.3 where each side trusts exactly the certificates of its expected peers: a certificate is accepted
 * only if it is byte-for-byte one of those pinned certificates (no CA, no chain building, no host-name check), and
 * after the handshake the pinned certificate tells which identity the peer really is.
 */
final class PinnedTls {
    private static final String[] PROTOCOLS = {"TLSv1.3"};
    /** AES-128-GCM first: ten AES rounds instead of fourteen, and still the strength of the P-256 keys. */
    private static final String[] CIPHER_SUITES = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384"};

    private final SSLContext context;
    private final Map<String, X509Certificate> pinned;

    private PinnedTls(SSLContext context, Map<String, X509Certificate> pinned) {
        this.context = context;
        this.pinned = pinned;
    }

    /** Loads {@code self}'s keystore and the certificates of {@code peers} from a keygen directory. */
    static PinnedTls load(Path keyDir, String self, Collection<String> peers) {
        KeyFiles own = new KeyFiles(keyDir, self);
        try {
            char[] password = Files.readString(own.password(), StandardCharsets.UTF_8).strip().toCharArray();
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(own.keystore())) {
                keyStore.load(in, password);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, password);
            Map<String, X509Certificate> pinned = new LinkedHashMap<>();
            for (String peer : peers) {
                pinned.put(peer, readCertificate(new KeyFiles(keyDir, peer).certificate()));
            }
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(kmf.getKeyManagers(), new javax.net.ssl.TrustManager[] {new PinnedTrustManager(pinned)},
                null);
            return new PinnedTls(context, pinned);
        } catch (NoSuchFileException e) {
            throw new ConnectionSetupException("missing key file " + e.getFile() + " (run 'cryptorch keygen')", e);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConnectionSetupException("cannot load TLS keys of " + self + " from " + keyDir + ": "
                + e.getMessage(), e);
        }
    }

    static X509Certificate readCertificate(Path file) throws IOException, CertificateException {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** Wraps an accepted TCP socket as the TLS server side, demanding a client certificate. */
    SSLSocket server(Socket raw) throws IOException {
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(raw, null, raw.getPort(), true);
        s.setUseClientMode(false);
        s.setNeedClientAuth(true);
        configure(s);
        return s;
    }

    /** Wraps a connected TCP socket as the TLS client side. */
    SSLSocket client(Socket raw, String host) throws IOException {
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(raw, host, raw.getPort(), true);
        s.setUseClientMode(true);
        configure(s);
        return s;
    }

    private static void configure(SSLSocket s) {
        SSLParameters p = s.getSSLParameters();
        p.setProtocols(PROTOCOLS);
        p.setCipherSuites(CIPHER_SUITES);
        p.setUseCipherSuitesOrder(true);
        s.setSSLParameters(p);
    }

    /** The identity whose pinned certificate the peer presented in the completed handshake. */
    String peerIdentity(SSLSocket socket) throws SSLPeerUnverifiedException {
        Certificate leaf = socket.getSession().getPeerCertificates()[0];
        return pinned.entrySet().stream().filter(e -> e.getValue().equals(leaf)).map(Map.Entry::getKey)
            .findFirst().orElseThrow(() -> new SSLPeerUnverifiedException("peer certificate is not pinned"));
    }

    /** Trusts a chain only if its first certificate is one of the pinned ones and currently valid. */
    private static final class PinnedTrustManager extends X509ExtendedTrustManager {
        private final Map<String, X509Certificate> pinned;

        PinnedTrustManager(Map<String, X509Certificate> pinned) {
            this.pinned = pinned;
        }

        private void check(X509Certificate[] chain) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("peer sent no certificate");
            }
            X509Certificate leaf = chain[0];
            if (!pinned.containsValue(leaf)) {
                throw new CertificateException("certificate '" + leaf.getSubjectX500Principal().getName()
                    + "' is not a pinned certificate of " + String.join(" or ", pinned.keySet()));
            }
            leaf.checkValidity();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            check(chain);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return pinned.values().toArray(X509Certificate[]::new);
        }
    }
}
