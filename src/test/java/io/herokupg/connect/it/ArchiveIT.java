/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.herokupg.connect.testing.ConnectFixture;
import io.herokupg.connect.testing.Fixtures;
import io.herokupg.connect.testing.LogCapture;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.TopicReader.Decoded;

/**
 * The archive is what we ship, so it is what this test runs: the built Hub zip, unpacked into a worker's
 * plugin.path. The POM runs this class alone, without the project's classes on the classpath, so the worker can
 * load the connector only from the archive.
 */
class ArchiveIT {
    private static final String CONNECTOR_CLASS = "io.herokupg.connect.HerokuPostgresSourceConnector";

    private static ConnectFixture connect;
    private final PostgresFixture pg = SharedServices.postgres();

    @BeforeAll
    static void startWorkerOnTheArchive() {
        connect = Fixtures.connect(1, true);
    }

    @AfterAll
    static void stopWorker() {
        if (connect != null) {
            connect.close();
        }
    }

    @Test
    void theConnectorIsNotOnTheTestClasspath() {
        assertThatThrownBy(() -> Class.forName(CONNECTOR_CLASS)).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void theArchiveHasTheHubLayoutAndNoKafkaJars() throws Exception {
        Path unpacked = Files.createTempDirectory("herokupg-archive-");
        Fixtures.unzip(Fixtures.hubArchive(), unpacked);
        List<Path> top;
        try (Stream<Path> entries = Files.list(unpacked)) {
            top = entries.toList();
        }
        assertThat(top).hasSize(1);
        Path root = top.get(0);
        String base = Fixtures.hubArchive().getFileName().toString().replaceFirst("\\.zip$", "");
        assertThat(root.getFileName().toString()).isEqualTo(base).startsWith("herokupg-kafka-connect-heroku-postgres-");

        JsonNode manifest = new ObjectMapper().readTree(root.resolve("manifest.json").toFile());
        assertThat(manifest.path("name").asText()).isEqualTo("kafka-connect-heroku-postgres");
        assertThat(manifest.path("owner").path("username").asText()).isEqualTo("herokupg");
        assertThat(manifest.path("component_types").get(0).asText()).isEqualTo("source");
        assertThat(manifest.path("license").get(0).path("name").asText()).isEqualTo("Apache License 2.0");

        List<String> jars;
        try (Stream<Path> lib = Files.list(root.resolve("lib"))) {
            jars = lib.map(p -> p.getFileName().toString()).toList();
        }
        assertThat(jars).anyMatch(j -> j.startsWith("kafka-connect-heroku-postgres-"))
            .anyMatch(j -> j.startsWith("postgresql-")).anyMatch(j -> j.startsWith("HikariCP-"))
            .noneMatch(j -> j.startsWith("kafka-clients") || j.startsWith("connect-") || j.startsWith("kafka_")
                || j.startsWith("slf4j-"));
        assertThat(root.resolve("doc/README.md")).exists();
        assertThat(root.resolve("doc/LICENSE")).exists();
        try (Stream<Path> etc = Files.list(root.resolve("etc"))) {
            assertThat(etc.map(p -> p.getFileName().toString()).toList())
                .contains("heroku-postgres-source.properties", "heroku-postgres-source.json");
        }
    }

    @Test
    void theWorkerLoadsTheConnectorFromTheArchiveAndReplicates() throws Exception {
        JsonNode plugins = connect.rest().plugins().body();
        assertThat(plugins.findValuesAsText("class")).contains(CONNECTOR_CLASS);
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute("DROP TABLE IF EXISTS archive_rows");
            st.execute("CREATE TABLE archive_rows (id int PRIMARY KEY, note text)");
            st.execute("INSERT INTO archive_rows SELECT g, 'from the archive ' || g FROM generate_series(1, 500) g");
        }
        List<Decoded> records;
        try (LogCapture log = LogCapture.begin()) {
            connect.rest().putConnector("from-archive", connect.connectorConfig(pg, "from-archive", "it_archive",
                "public\\.archive_rows"));
            connect.rest().awaitRunning("from-archive", 1);
            records = connect.topics().readAtLeast("it_archive.public.archive_rows", 500, Duration.ofSeconds(60),
                Duration.ofSeconds(1));
            // Loaded by the plugin's own class loader, the connector still fills Connect's Structs directly.
            assertThat(log.text()).contains("Pass started").doesNotContain("filling Structs with put()");
        }
        assertThat(records).extracting(r -> r.keyStruct().getInt32("id")).doesNotHaveDuplicates().hasSize(500);
        connect.rest().delete("from-archive");
    }
}
