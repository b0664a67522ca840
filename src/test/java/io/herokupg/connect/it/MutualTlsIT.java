/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.herokupg.connect.testing.ConnectFixture;
import io.herokupg.connect.testing.OpenSslKeys;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.TestCertificates;

/**
 * Mutual TLS, as Heroku Private and Shield spaces require from outside: the server lets {@code mtls_user} in only
 * with a client certificate its CA signed (pg_hba method {@code cert}, i.e. clientcert=verify-full). Certificate and
 * key are given as PEM text, as Connect users who cannot place files on workers do.
 */
class MutualTlsIT {
    private static final PostgresFixture PG = SharedServices.postgres();
    private static final String NAME = "mutual-tls";
    private static final String EC_NAME = "mutual-tls-ec";
    private static final String EC_ENCRYPTED_NAME = "mutual-tls-ec-encrypted";
    private static final String KEY_PASSWORD = "Ec-Key-Pass-5521";
    private final ConnectFixture connect = SharedServices.connect();

    @BeforeAll
    static void createRoleAndTable() throws Exception {
        PG.createClientCertificateRole();
        try (Connection conn = PG.connect(); Statement st = conn.createStatement()) {
            st.execute("DROP TABLE IF EXISTS mtls_rows");
            st.execute("CREATE TABLE mtls_rows (id int PRIMARY KEY, v text)");
            st.execute("INSERT INTO mtls_rows SELECT g, 'v' || g FROM generate_series(1, 25) g");
            st.execute("GRANT SELECT ON mtls_rows TO " + TestCertificates.CLIENT_USER);
        }
    }

    @AfterEach
    void deleteConnectors() {
        connect.rest().delete(NAME);
        connect.rest().delete(EC_NAME);
        connect.rest().delete(EC_ENCRYPTED_NAME);
    }

    @Test
    void aClientCertificateGivenAsPemTextIsAccepted() throws Exception {
        Map<String, String> config = config(NAME, "it_mtls");
        config.put("database.sslcert", Files.readString(TestCertificates.get().clientCertificate()));
        // The key's PEM text comes from a config provider (here: a directory of secrets), so the connector config
        // the worker stores and shows holds the reference, not the key.
        Path keys = Files.createTempDirectory("herokupg-keys-");
        Files.copy(TestCertificates.get().clientKey(), keys.resolve("client.key"));
        config.put("database.sslkey", "${dir:" + keys + ":client.key}");

        assertThat(connect.rest().validate(config)).isEmpty();
        connect.rest().putConnector(NAME, config);
        connect.rest().awaitRunning(NAME, 1);
        assertThat(connect.topics().readAtLeast("it_mtls.public.mtls_rows", 25, Duration.ofSeconds(60),
            Duration.ofSeconds(1))).hasSize(25);
        String tasks = connect.rest().tasks(NAME).body().toString();
        assertThat(tasks).as("task configs keep the reference, not the key").contains("${dir:")
            .doesNotContain("PRIVATE KEY");
    }

    @Test
    void withoutAClientCertificateTheServerRefusesAndTheErrorNamesTheSetting() {
        Map<String, List<String>> errors = connect.rest().validate(config(NAME, "it_mtls"));

        assertThat(errors).containsOnlyKeys("database.sslcert");
        assertThat(errors.get("database.sslcert").get(0)).contains("client certificate");
    }

    /** An EC client key as OpenSSL writes it (SEC1, "EC PRIVATE KEY"): the server accepts its certificate. */
    @Test
    void anEcClientKeyInSec1FormAuthenticates() throws Exception {
        String key = Files.readString(TestCertificates.get().ecClientKey());
        assertThat(key).startsWith("-----BEGIN EC PRIVATE KEY-----");

        replicatesWithTheEcKey(EC_NAME, key, null);
    }

    /** The same key in OpenSSL's older encryption (openssl ec -aes256: Proc-Type and DEK-Info headers). */
    @Test
    void anEcClientKeyInOpensslsOlderEncryptionAuthenticatesWithItsPassword() throws Exception {
        assumeTrue(OpenSslKeys.available(), "the openssl command");
        String key = OpenSslKeys.legacyEncrypted(Files.readString(TestCertificates.get().ecClientKey()), "ec",
            "aes256", KEY_PASSWORD);
        assertThat(key).contains("DEK-Info: AES-256-CBC,");

        replicatesWithTheEcKey(EC_ENCRYPTED_NAME, key, KEY_PASSWORD);
    }

    /** A connector of its own name (offsets are the connector's) and topic prefix reads the table with the key. */
    private void replicatesWithTheEcKey(String name, String key, String password) throws Exception {
        String prefix = name.replace('-', '_');
        Map<String, String> config = config(name, prefix);
        config.put("database.sslcert", Files.readString(TestCertificates.get().ecClientCertificate()));
        config.put("database.sslkey", key);
        if (password != null) {
            config.put("database.sslpassword", password);
        }

        assertThat(connect.rest().validate(config)).isEmpty();
        connect.rest().putConnector(name, config);
        connect.rest().awaitRunning(name, 1);
        assertThat(connect.topics().readAtLeast(prefix + ".public.mtls_rows", 25, Duration.ofSeconds(60),
            Duration.ofSeconds(1))).hasSize(25);
    }

    private Map<String, String> config(String name, String prefix) {
        Map<String, String> config = connect.connectorConfig(PG, name, prefix, "public\\.mtls_rows");
        config.put("database.user", TestCertificates.CLIENT_USER);
        config.remove("database.password");
        return config;
    }
}
