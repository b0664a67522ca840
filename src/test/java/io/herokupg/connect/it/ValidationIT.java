/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.herokupg.connect.testing.ConnectFixture;
import io.herokupg.connect.testing.LogCapture;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.TestCertificates;

/**
 * Wrong configurations through the worker's real REST validate endpoint: each gets an error on exactly the key to
 * fix, in words without a stack trace or a secret. Layers: per key, across keys, and live against the SSL-only
 * PostgreSQL.
 */
class ValidationIT {
    private static final PostgresFixture PG = SharedServices.postgres();
    private static final String URL_SECRET = "Url-Pa55word-Secret";

    private final ConnectFixture connect = SharedServices.connect();

    @BeforeAll
    static void createTables() throws Exception {
        try (Connection conn = PG.connect(); Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS validation_rows (id int PRIMARY KEY)");
            st.execute("CREATE TABLE IF NOT EXISTS valinc_rows (id int PRIMARY KEY, updated_at timestamptz,"
                + " doc json, flag boolean, note text)");
            st.execute("CREATE OR REPLACE VIEW valinc_view AS SELECT id, updated_at FROM valinc_rows");
        }
        try (Connection admin = PG.superuser(); Statement st = admin.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS validation_forbidden (id int PRIMARY KEY)");
        }
    }

    /** Layer 1: each key on its own. */
    static Stream<Arguments> perKey() {
        return Stream.of(
            wrong("database.port not a number", "database.port", c -> c.put("database.port", "abc")),
            wrong("database.port zero", "database.port", c -> c.put("database.port", "0")),
            wrong("database.port too large", "database.port", c -> c.put("database.port", "70000")),
            wrong("unknown sslmode", "database.sslmode", c -> c.put("database.sslmode", "always")),
            wrong("bad include regex", "table.include.list", c -> c.put("table.include.list", "public\\.(")),
            wrong("bad exclude regex", "table.exclude.list", c -> c.put("table.exclude.list", "[abc")),
            wrong("topic prefix with spaces", "topic.prefix", c -> c.put("topic.prefix", "my topics")),
            wrong("negative poll interval", "poll.interval.ms", c -> c.put("poll.interval.ms", "-5")),
            wrong("poll interval not a number", "poll.interval.ms", c -> c.put("poll.interval.ms", "soon")),
            wrong("zero batch", "batch.max.rows", c -> c.put("batch.max.rows", "0")),
            wrong("huge batch", "batch.max.rows", c -> c.put("batch.max.rows", "2000000")),
            wrong("tiny connect timeout", "database.connect.timeout.ms",
                c -> c.put("database.connect.timeout.ms", "10")),
            wrong("negative statement timeout", "database.statement.timeout.ms",
                c -> c.put("database.statement.timeout.ms", "-1")),
            wrong("keepalive not a boolean", "database.tcp.keepalive", c -> c.put("database.tcp.keepalive", "maybe")));
    }

    /** Layer 2: rules across keys. */
    static Stream<Arguments> acrossKeys() {
        String cert = TestCertificates.get().caCertificate().toString();
        return Stream.of(
            wrong("no database at all", "database.url", c -> {
                c.remove("database.hostname");
                c.remove("database.dbname");
                c.remove("database.user");
                c.remove("database.password");
            }),
            wrong("hostname without dbname", "database.dbname", c -> c.remove("database.dbname")),
            wrong("dbname without user", "database.user", c -> c.remove("database.user")),
            wrong("url garbage", "database.url", c -> url(c, "not a url at all")),
            wrong("url of another database", "database.url", c -> url(c, "mysql://u:" + URL_SECRET + "@h/db")),
            wrong("url without database", "database.url", c -> url(c, "postgres://u:" + URL_SECRET + "@h:5432")),
            wrong("url with a bad port", "database.url", c -> url(c, "postgres://u:" + URL_SECRET + "@h:99999/d")),
            wrong("url with a bad escape", "database.url", c -> url(c, "postgres://u:" + URL_SECRET + "%zz@h/d")),
            wrong("url without user", "database.url", c -> url(c, "postgres://h:5432/d")),
            wrong("url with an unknown sslmode", "database.url",
                c -> url(c, "postgres://u:" + URL_SECRET + "@h/d?sslmode=bogus")),
            wrong("url and hostname disagree", "database.hostname", c -> {
                url(c, "postgres://u:" + URL_SECRET + "@db.example.com/d");
                c.put("database.hostname", "other.example.com");
            }),
            wrong("url and password disagree", "database.password", c -> {
                url(c, "postgres://u:" + URL_SECRET + "@db.example.com/d");
                c.put("database.password", "another-" + URL_SECRET);
            }),
            wrong("verify-full without a root certificate", "database.sslrootcert",
                c -> c.put("database.sslmode", "verify-full")),
            wrong("root certificate file missing", "database.sslrootcert",
                c -> c.put("database.sslrootcert", "/nonexistent/root.crt")),
            wrong("root certificate not PEM", "database.sslrootcert", c -> c.put("database.sslrootcert",
                "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----")),
            wrong("client certificate without key", "database.sslkey", c -> c.put("database.sslcert", cert)),
            wrong("client key without certificate", "database.sslcert", c -> c.put("database.sslkey",
                "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----")),
            wrong("client key unreadable", "database.sslkey", c -> {
                c.put("database.sslcert", cert);
                c.put("database.sslkey", "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----");
            }),
            wrong("plaintext to a Heroku host", "database.sslmode", c -> {
                c.put("database.hostname", "ec2-3-91-1-2.compute-1.amazonaws.com");
                c.put("database.sslmode", "prefer");
            }),
            wrong("per-table setting unknown", "table.public.validation_rows.replication.mode",
                c -> c.put("table.public.validation_rows.replication.mode", "FULL_TABLE")),
            wrong("per-table value invalid", "table.public.validation_rows.batch.max.rows",
                c -> c.put("table.public.validation_rows.batch.max.rows", "0")),
            wrong("per-table key malformed", "table.\"public.validation_rows.poll.interval.ms",
                c -> c.put("table.\"public.validation_rows.poll.interval.ms", "1000")),
            wrong("topic prefix not derivable", "topic.prefix", c -> {
                c.remove("topic.prefix");
                c.put("name", "!!!");
            }));
    }

    /** Layer 3: live, against the SSL-only server. */
    static Stream<Arguments> live() {
        return Stream.of(
            wrong("wrong password", "database.password", c -> c.put("database.password", "wrong-password")),
            wrong("wrong password in the url", "database.url", c -> url(c, "postgres://" + PostgresFixture.USER + ":"
                + URL_SECRET + "@" + c.get("database.hostname") + ":" + c.get("database.port") + "/"
                + PostgresFixture.DATABASE)),
            wrong("database does not exist", "database.dbname", c -> c.put("database.dbname", "no_such_db")),
            wrong("nothing listens on the port", "database.hostname",
                c -> c.put("database.port", Integer.toString(closedPort()))),
            wrong("plaintext refused by the server", "database.sslmode", c -> c.put("database.sslmode", "disable")),
            wrong("verify-full with the wrong CA", "database.sslrootcert", c -> {
                c.put("database.sslmode", "verify-full");
                c.put("database.sslrootcert", TestCertificates.get().wrongCaCertificate().toString());
            }),
            wrong("primary-key column excluded", "column.exclude.list",
                c -> c.put("column.exclude.list", "public\\.validation_rows\\.id")),
            wrong("selection matches nothing", "table.include.list",
                c -> c.put("table.include.list", "public\\.no_such_table")),
            wrong("selected table not readable", "table.include.list",
                c -> c.put("table.include.list", "public\\.validation_.*")));
    }

    /** The replication method and key, per key and against the catalog; each message names what to fix. */
    static Stream<Arguments> replication() {
        String perTableMethod = "table.public.valinc_rows.replication.method";
        String perTableKey = "table.public.valinc_rows.replication.key";
        return Stream.of(
            wrong("INCREMENTAL without a key", "replication.key", c -> incremental(c, null),
                "public.valinc_rows", "replication.key"),
            wrong("per-table INCREMENTAL without a key", perTableKey, c -> {
                incremental(c, null);
                c.remove("replication.method");
                c.put(perTableMethod, "INCREMENTAL");
            }, "public.valinc_rows", perTableMethod),
            wrong("key column does not exist", "replication.key", c -> incremental(c, "modified_at"),
                "public.valinc_rows", "'modified_at'", "[id, updated_at, doc, flag, note]"),
            wrong("per-table key column does not exist", perTableKey, c -> {
                incremental(c, "updated_at");
                c.put(perTableKey, "nope");
            }, "public.valinc_rows", "'nope'", "[id, updated_at, doc, flag, note]"),
            wrong("json key", "replication.key", c -> incremental(c, "doc"), "'doc'", "public.valinc_rows", "json"),
            wrong("boolean key", "replication.key", c -> incremental(c, "flag"), "'flag'", "boolean"),
            wrong("key column excluded", "column.exclude.list", c -> {
                incremental(c, "updated_at");
                c.put("column.exclude.list", "public\\.valinc_rows\\.updated_at");
            }, "'updated_at'", "public.valinc_rows", "replication.key"),
            wrong("XMIN on a view", "replication.method", c -> {
                c.put("table.include.list", "public\\.valinc_view");
                c.put("table.types", "VIEW");
                c.put("replication.method", "XMIN");
            }, "public.valinc_view", "VIEW", "table.public.valinc_view.replication.method"),
            wrong("per-table XMIN on a view", "table.public.valinc_view.replication.method", c -> {
                c.put("table.include.list", "public\\.valinc_.*");
                c.put("table.types", "TABLE,VIEW");
                c.put("table.public.valinc_view.replication.method", "xmin");
            }, "public.valinc_view"),
            wrong("unknown method", "replication.method", c -> c.put("replication.method", "LOG_BASED"),
                "FULL_TABLE, INCREMENTAL, XMIN"),
            wrong("unknown per-table method", perTableMethod, c -> c.put(perTableMethod, "CDC"),
                "FULL_TABLE, INCREMENTAL, XMIN"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"perKey", "acrossKeys", "live", "replication"})
    void theErrorIsOnTheKeyToFixAndShowsNoSecret(String name, String expectedKey, Consumer<Map<String, String>> edit,
                                                 List<String> mentions) {
        Map<String, String> config = validConfig();
        edit.accept(config);

        Map<String, List<String>> errors = connect.rest().validate(config);

        assertThat(errors).as("errors of '%s'", name).containsOnlyKeys(expectedKey);
        for (String message : errors.get(expectedKey)) {
            assertThat(message).as("message of '%s'", name)
                .doesNotContain(PG.password()).doesNotContain(URL_SECRET)
                .doesNotContain("\tat ").doesNotContain("Exception:");
        }
        if (!mentions.isEmpty()) {
            assertThat(String.join("\n", errors.get(expectedKey))).as("message of '%s'", name).contains(mentions);
        }
    }

    @Test
    void aValidIncrementalConfigurationHasNoErrors() {
        Map<String, String> config = validConfig();
        incremental(config, "id");
        assertThat(connect.rest().validate(config)).isEmpty();

        config.put("table.include.list", "public\\.valinc_.*");
        config.put("table.types", "TABLE,VIEW");
        config.put("table.public.valinc_rows.replication.method", "Xmin");
        assertThat(connect.rest().validate(config)).as("XMIN on the table, INCREMENTAL on the view").isEmpty();
    }

    @Test
    void aKeyWithoutAnIndexIsOnlyAWarning() {
        Map<String, String> config = validConfig();
        incremental(config, "updated_at");
        try (LogCapture log = LogCapture.begin()) {
            assertThat(connect.rest().validate(config)).isEmpty();
            assertThat(log.text()).contains("public.valinc_rows has no index on its replication key 'updated_at'")
                .contains("CREATE INDEX CONCURRENTLY ON \"public\".\"valinc_rows\" (\"updated_at\")");
        }
        incremental(config, "id");
        try (LogCapture log = LogCapture.begin()) {
            assertThat(connect.rest().validate(config)).isEmpty();
            assertThat(log.text()).doesNotContain("has no index on its replication key");
        }
    }

    /** INCREMENTAL on valinc_rows, with this key (none when null). */
    private static void incremental(Map<String, String> config, String key) {
        config.put("table.include.list", "public\\.valinc_rows");
        config.put("replication.method", "INCREMENTAL");
        if (key != null) {
            config.put("replication.key", key);
        }
    }

    @Test
    void aValidConfigurationHasNoErrors() {
        assertThat(connect.rest().validate(validConfig())).isEmpty();
    }

    @Test
    void theMissingGrantIsNamed() {
        Map<String, String> config = validConfig();
        config.put("table.include.list", "public\\.validation_.*");
        assertThat(connect.rest().validate(config).get("table.include.list")).singleElement().asString()
            .contains("public.validation_forbidden")
            .contains("GRANT SELECT ON \"public\".\"validation_forbidden\" TO " + PostgresFixture.USER);
    }

    private Map<String, String> validConfig() {
        return new HashMap<>(connect.connectorConfig(PG, "validation", "it_validation", "public\\.validation_rows"));
    }

    private static Arguments wrong(String name, String key, Consumer<Map<String, String>> edit, String... mentions) {
        return Arguments.of(name, key, edit, List.of(mentions));
    }

    private static void url(Map<String, String> config, String url) {
        PostgresFixture.useUrl(config, url);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
