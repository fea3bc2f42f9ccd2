package org.cryptorch.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes the TLS material of a deployment with the JDK's {@code keytool}: for each identity a self-signed EC
 * (secp256r1) certificate with CN=identity and SAN dns:localhost, ip:127.0.0.1 and the extra host, in the layout of
 * {@link KeyFiles}. Each keystore gets its own random password, stored beside it in {@code NAME.pass}; keystore and
 * password file are readable by the owner only (POSIX file systems). Everything is generated in a scratch directory
 * first and moved into place at the end, so a failure leaves no partial output.
 */
public final class KeyGenerator {
    private static final Pattern IDENTITY = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final String PASSWORD_ENV = "CRYPTORCH_KEYSTORE_PASSWORD";
    private static final int VALIDITY_DAYS = 3650;
    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

    private KeyGenerator() {
    }

    /**
     * Generates keys for {@code names} into {@code outDir} (created if absent) and returns the files written.
     *
     * @param host  extra host name or IP address for the certificates' SAN, or null
     * @param force overwrite existing files instead of refusing
     */
    public static List<Path> generate(Path outDir, List<String> names, String host, boolean force)
            throws IOException {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no identities given");
        }
        for (String n : names) {
            if (!IDENTITY.matcher(n).matches()) {
                throw new IllegalArgumentException("identity '" + n + "' must consist of letters, digits, _ or -");
            }
        }
        if (names.stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException("identities must be distinct: " + names);
        }
        Files.createDirectories(outDir);
        List<Path> targets = names.stream().flatMap(n -> files(outDir, n)).toList();
        if (!force) {
            for (Path t : targets) {
                if (Files.exists(t)) {
                    throw new FileAlreadyExistsException(t + " already exists (use --force to overwrite)");
                }
            }
        }
        Path scratch = Files.createTempDirectory(outDir, ".keygen-");
        try {
            for (String n : names) {
                writeIdentity(scratch, n, subjectAltNames(host));
            }
            return moveIntoPlace(scratch, outDir, names);
        } finally {
            deleteRecursively(scratch);
        }
    }

    private static Stream<Path> files(Path dir, String name) {
        KeyFiles f = new KeyFiles(dir, name);
        return Stream.of(f.keystore(), f.password(), f.certificate());
    }

    static String subjectAltNames(String host) {
        String san = "dns:localhost,ip:127.0.0.1";
        if (host == null || host.isBlank() || host.equals("localhost") || host.equals("127.0.0.1")) {
            return san;
        }
        boolean ip = IPV4.matcher(host).matches() || host.contains(":");
        return san + "," + (ip ? "ip:" : "dns:") + host;
    }

    private static void writeIdentity(Path dir, String name, String san) throws IOException {
        KeyFiles f = new KeyFiles(dir, name);
        String password = randomPassword();
        writeOwnerOnly(f.password(), password + "\n");
        keytool(password, "-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1",
            "-sigalg", "SHA256withECDSA", "-dname", "CN=" + name, "-ext", "SAN=" + san,
            "-validity", Integer.toString(VALIDITY_DAYS), "-storetype", "PKCS12",
            "-keystore", f.keystore().toString(), "-storepass:env", PASSWORD_ENV);
        restrictToOwner(f.keystore());
        exportCertificate(f, name, password);
    }

    /** Writes the certificate as PEM, reading the keystore in-process (saves a keytool start-up per identity). */
    private static void exportCertificate(KeyFiles f, String name, String password) throws IOException {
        try (InputStream in = Files.newInputStream(f.keystore())) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password.toCharArray());
            String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(ks.getCertificate(name).getEncoded());
            Files.writeString(f.certificate(),
                "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the keystore keytool wrote for " + name + ": " + e.getMessage(), e);
        }
    }

    /** Runs keytool with the password passed in the environment (never on the command line, visible to ps). */
    private static void keytool(String password, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        // keytool runs for well under a second: the quick JIT tier and serial GC cut its start-up by about a third
        cmd.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put(PASSWORD_ENV, password);
        Process p = pb.start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (!p.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("keytool " + args[0] + " did not finish within " + KEYTOOL_TIMEOUT_SECONDS
                    + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("keytool " + args[0] + " failed (exit " + p.exitValue() + "): " + output);
        }
    }

    private static String randomPassword() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.createFile(file);
        restrictToOwner(file);
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** Moves all generated files into {@code outDir}; if one move fails, removes the ones already moved. */
    private static List<Path> moveIntoPlace(Path scratch, Path outDir, List<String> names) throws IOException {
        List<Path> moved = new ArrayList<>();
        try {
            for (String n : names) {
                for (Path src : files(scratch, n).toList()) {
                    Path dst = outDir.resolve(src.getFileName());
                    Files.move(src, dst, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    moved.add(dst);
                }
            }
            return moved;
        } catch (IOException e) {
            for (Path p : moved) {
                Files.deleteIfExists(p);
            }
            throw e;
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
