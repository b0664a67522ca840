/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.herokupg.connect.testing.ConnectFixture;
import io.herokupg.connect.testing.LogCapture;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.TestCertificates;

/**
 * Runs the connector through a real worker with every logger at DEBUG, giving the password every way it can be
 * given (database.password, a postgres:// URL, a jdbc: URL, a wrong one that fails, the key password and the key
 * itself), and checks that no log line or stack trace contains any of them.
 */
class SecretsInLogsIT {
    private static final String SSL_PASSWORD = "Ssl-Key-Pa55-Secret";
    private final PostgresFixture pg = SharedServices.postgres();
    private final ConnectFixture connect = SharedServices.connect();

    @Test
    void noPasswordOrKeyAppearsInADebugLog() throws Exception {
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute("DROP TABLE IF EXISTS secret_rows");
            st.execute("CREATE TABLE secret_rows (id int PRIMARY KEY)");
            st.execute("INSERT INTO secret_rows SELECT generate_series(1, 10)");
        }
        pg.createClientCertificateRole();
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute("GRANT SELECT ON secret_rows TO " + TestCertificates.CLIENT_USER);
        }
        String key = Files.readString(TestCertificates.get().clientKey());
        String url = pg.databaseUrl();
        String jdbcUrl = "jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/" + pg.database() + "?user="
            + pg.user() + "&password=" + encode(pg.password()) + "&sslmode=require";
        String log;
        try (LogCapture capture = LogCapture.begin()) {
            run("secrets-password", "it_sec1", c -> { });
            run("secrets-url", "it_sec2", c -> PostgresFixture.useUrl(c, url));
            run("secrets-jdbc-url", "it_sec3", c -> PostgresFixture.useUrl(c, jdbcUrl));
            run("secrets-ssl", "it_sec4", c -> {
                c.put("database.user", TestCertificates.CLIENT_USER);
                c.remove("database.password");
                c.put("database.sslcert", TestCertificates.get().clientCertificate().toString());
                c.put("database.sslkey", key);
                c.put("database.sslpassword", SSL_PASSWORD);
            });
            Map<String, String> wrong = connect.connectorConfig(pg, "secrets-wrong", "it_sec5", "public\\.secret_rows");
            wrong.put("database.password", "Wrong-" + pg.password());
            connect.rest().validate(wrong);
            log = capture.text();
        }
        assertThat(log).as("the capture saw the runs").contains("secret_rows");
        String keyBody = key.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        assertThat(log).doesNotContain(pg.password()).doesNotContain(encode(pg.password()))
            .doesNotContain(SSL_PASSWORD).doesNotContain(keyBody);
    }

    private void run(String name, String prefix, Consumer<Map<String, String>> edit) {
        Map<String, String> config = connect.connectorConfig(pg, name, prefix, "public\\.secret_rows");
        edit.accept(config);
        connect.rest().putConnector(name, config);
        connect.rest().awaitRunning(name, 1);
        connect.topics().readAtLeast(prefix + ".public.secret_rows", 10, Duration.ofSeconds(60), Duration.ZERO);
        connect.rest().delete(name);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
