/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.herokupg.connect.HerokuPostgresSourceConnector;
import io.herokupg.connect.testing.ConnectFixture;
import io.herokupg.connect.testing.ConnectRest;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.TestCertificates;

/**
 * TLS settings against a server that, like Heroku, accepts only TLS: verify-full works with the right root; a wrong
 * root or plaintext is refused with a message naming SSL and the setting (when created, and when started).
 */
class SslIT {
    private static final PostgresFixture PG = SharedServices.postgres();
    private final ConnectFixture connect = SharedServices.connect();
    private String connector;

    @BeforeAll
    static void createTable() throws Exception {
        try (Connection conn = PG.connect(); Statement st = conn.createStatement()) {
            st.execute("DROP TABLE IF EXISTS ssl_rows");
            st.execute("CREATE TABLE ssl_rows (id int PRIMARY KEY, v text)");
            st.execute("INSERT INTO ssl_rows SELECT g, 'v' || g FROM generate_series(1, 20) g");
        }
    }

    @AfterEach
    void deleteConnector() {
        if (connector != null) {
            connect.rest().delete(connector);
        }
    }

    @Test
    void verifyFullWithTheServersRootCertificateReplicates() {
        Map<String, String> config = config("ssl-verify-full");
        config.put("database.sslmode", "verify-full");
        config.put("database.sslrootcert", PG.caCertificate().toString());
        connect.rest().putConnector(connector, config);
        connect.rest().awaitRunning(connector, 1);

        assertThat(connect.topics().readAtLeast("it_ssl_ok.public.ssl_rows", 20, Duration.ofSeconds(60),
            Duration.ofSeconds(1))).hasSize(20);
    }

    @Test
    void verifyFullWithAWrongRootCertificateFailsNamingSslAndTheSetting() {
        Map<String, String> config = config("ssl-wrong-root");
        config.put("topic.prefix", "it_ssl_wrong");
        config.put("database.sslmode", "verify-full");
        config.put("database.sslrootcert", TestCertificates.get().wrongCaCertificate().toString());

        // The worker validates before it creates a connector, so the connector is refused with the reason...
        assertThat(refusal(config)).contains("SSL").contains("database.sslrootcert").contains("verify-full")
            .doesNotContain(PG.password());
        // ...and a connector whose database changed since it was created fails to start with the same reason.
        HerokuPostgresSourceConnector direct = new HerokuPostgresSourceConnector();
        assertThatThrownBy(() -> direct.start(config)).isInstanceOf(ConnectException.class)
            .hasMessageContaining("SSL").hasMessageContaining("database.sslrootcert")
            .hasMessageNotContaining(PG.password());
    }

    @Test
    void plaintextIsRefusedByTheServerWithAMessageNamingTheSslMode() {
        Map<String, String> config = config("ssl-disabled");
        config.put("topic.prefix", "it_ssl_disabled");
        config.put("database.sslmode", "disable");

        assertThat(refusal(config)).contains("database.sslmode=disable").contains("refused a connection without TLS")
            .contains("pg_hba.conf")
            .doesNotContain(PG.password());
    }

    private Map<String, String> config(String name) {
        connector = name;
        return connect.connectorConfig(PG, name, "it_ssl_ok", "public\\.ssl_rows");
    }

    /** The worker's answer to creating the connector: 400 with the validation messages. */
    private String refusal(Map<String, String> config) {
        ConnectRest.Response response = connect.rest().tryPutConnector(connector, config);
        assertThat(response.status()).isEqualTo(400);
        assertThat(connect.rest().status(connector).status()).as("no connector was created").isEqualTo(404);
        return response.body().path("message").asText();
    }
}
