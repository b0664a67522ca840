/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Throwaway TLS material made with the JDK's keytool: a test CA, a server certificate it signed (CN=localhost,
 * SAN localhost and 127.0.0.1), two client certificates it signed (CN={@value #CLIENT_USER}, for mutual TLS; RSA
 * and EC keys), and an unrelated "wrong" CA. Files are PEM; the server key is PKCS#8 with mode
 * 0600, as PostgreSQL requires. Made once per JVM, in a directory without spaces (zonky passes paths unquoted).
 */
public final class TestCertificates {
    /** The role that logs in with {@link #clientCertificate()} (PostgreSQL's cert method matches the CN). */
    public static final String CLIENT_USER = "mtls_user";
    private static final char[] STORE_PASSWORD = "changeit".toCharArray();
    private static TestCertificates instance;

    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    public static synchronized TestCertificates get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory("herokupg-certs-");
                dir.toFile().deleteOnExit();
                TestCertificates certs = new TestCertificates(dir);
                certs.generate();
                instance = certs;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** The test CA's certificate (PEM): the right database.sslrootcert. */
    public Path caCertificate() {
        return dir.resolve("ca.crt");
    }

    /** A CA that signed nothing we use (PEM): a wrong database.sslrootcert. */
    public Path wrongCaCertificate() {
        return dir.resolve("wrong-ca.crt");
    }

    /** A client certificate for the role {@link #CLIENT_USER} (CN), signed by the test CA, as PEM. */
    public Path clientCertificate() {
        return dir.resolve("client.crt");
    }

    /** The client certificate's private key, PKCS#8 PEM. */
    public Path clientKey() {
        return dir.resolve("client.key");
    }

    /** A second client certificate for {@link #CLIENT_USER}, with an EC (prime256v1) key. */
    public Path ecClientCertificate() {
        return dir.resolve("client-ec.crt");
    }

    /** Its private key as SEC1 PEM ("EC PRIVATE KEY", as {@code openssl ecparam -genkey} writes it). */
    public Path ecClientKey() {
        return dir.resolve("client-ec.key");
    }

    public Path serverCertificate() {
        return dir.resolve("server.crt");
    }

    public Path serverKey() {
        return dir.resolve("server.key");
    }

    private void generate() throws IOException {
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-validity", "3650",
            "-dname", "CN=herokupg-test-ca", "-ext", "bc:c", "-keystore", store("ca"));
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", store("ca"), "-file", caCertificate().toString());
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "3650",
            "-dname", "CN=localhost", "-keystore", store("server"));
        keytool("-certreq", "-alias", "server", "-keystore", store("server"), "-file", dir.resolve("server.csr")
            .toString());
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", store("ca"), "-infile",
            dir.resolve("server.csr").toString(), "-outfile", serverCertificate().toString(), "-validity", "3650",
            "-ext", "san=dns:localhost,dns:host.testcontainers.internal,ip:127.0.0.1");
        keytool("-genkeypair", "-alias", "wrong", "-keyalg", "RSA", "-keysize", "2048", "-validity", "3650",
            "-dname", "CN=herokupg-wrong-ca", "-ext", "bc:c", "-keystore", store("wrong"));
        keytool("-exportcert", "-rfc", "-alias", "wrong", "-keystore", store("wrong"), "-file",
            wrongCaCertificate().toString());
        writePrivateKey("server", serverKey());
        keytool("-genkeypair", "-alias", "client", "-keyalg", "RSA", "-keysize", "2048", "-validity", "3650",
            "-dname", "CN=" + CLIENT_USER, "-keystore", store("client"));
        keytool("-certreq", "-alias", "client", "-keystore", store("client"), "-file", dir.resolve("client.csr")
            .toString());
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", store("ca"), "-infile",
            dir.resolve("client.csr").toString(), "-outfile", clientCertificate().toString(), "-validity", "3650");
        writePrivateKey("client", clientKey());
        keytool("-genkeypair", "-alias", "client-ec", "-keyalg", "EC", "-groupname", "secp256r1", "-validity",
            "3650", "-dname", "CN=" + CLIENT_USER, "-keystore", store("client-ec"));
        keytool("-certreq", "-alias", "client-ec", "-keystore", store("client-ec"), "-file",
            dir.resolve("client-ec.csr").toString());
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", store("ca"), "-infile",
            dir.resolve("client-ec.csr").toString(), "-outfile", ecClientCertificate().toString(), "-validity", "3650");
        writePrivateKey("client-ec", ecClientKey());
    }

    private String store(String name) {
        return dir.resolve(name + ".p12").toString();
    }

    private void writePrivateKey(String alias, Path target) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of(store(alias)))) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, STORE_PASSWORD);
            Key key = ks.getKey(alias, STORE_PASSWORD);
            String pem = key instanceof ECPrivateKey ec ? TestKeys.sec1Pem(ec) : "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
            Files.writeString(target, pem);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the key of " + alias, e);
        }
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", new String(STORE_PASSWORD), "-noprompt"));
        if (List.of(args).contains("-genkeypair")) {
            command.addAll(List.of("-keypass", new String(STORE_PASSWORD)));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
