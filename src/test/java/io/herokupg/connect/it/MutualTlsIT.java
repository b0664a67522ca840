/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

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
    void deleteConnector() {
        connect.rest().delete(NAME);
    }

    @Test
    void aClientCertificateGivenAsPemTextIsAccepted() throws Exception {
        Map<String, String> config = config();
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
        Map<String, List<String>> errors = connect.rest().validate(config());

        assertThat(errors).containsOnlyKeys("database.sslcert");
        assertThat(errors.get("database.sslcert").get(0)).contains("client certificate");
    }

    private Map<String, String> config() {
        Map<String, String> config = connect.connectorConfig(PG, NAME, "it_mtls", "public\\.mtls_rows");
        config.put("database.user", TestCertificates.CLIENT_USER);
        config.remove("database.password");
        return config;
    }
}
