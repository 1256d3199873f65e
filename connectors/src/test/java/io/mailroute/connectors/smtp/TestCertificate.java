package io.mailroute.connectors.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed server certificate made with the JDK's keytool, in a PKCS12 key store: no trust
 * store of the JVM trusts it, so a client verifies it only when told to trust its host.
 */
final class TestCertificate {
    private static final char[] PASSWORD = "changeit".toCharArray();

    private final Path keyStore;

    private TestCertificate(final Path keyStore) {
        this.keyStore = keyStore;
    }

    /** A certificate for {@code subjectAltNames} (keytool syntax, e.g. {@code ip:127.0.0.1,dns:localhost}) in {@code dir}. */
    static TestCertificate selfSigned(final Path dir, final String subjectAltNames)
            throws IOException, InterruptedException {
        final Path file = Files.createTempFile(dir, "server", ".p12");
        Files.delete(file);
        final Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "server",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=mailroute test server",
                        "-ext",
                        "SAN=" + subjectAltNames,
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        file.toString(),
                        "-storepass",
                        new String(PASSWORD),
                        "-noprompt")
                .redirectErrorStream(true)
                .start();
        final String output;
        try (InputStream in = keytool.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        return new TestCertificate(file);
    }

    /** A TLS context that presents this certificate, for a server. */
    SSLContext serverContext() throws IOException, GeneralSecurityException {
        final KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD);
        }
        final KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}
