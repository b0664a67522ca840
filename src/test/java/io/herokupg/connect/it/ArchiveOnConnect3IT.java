/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.herokupg.connect.testing.ConnectRest;
import io.herokupg.connect.testing.EmbeddedConnectFixture;
import io.herokupg.connect.testing.Fixtures;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.TopicReader.Decoded;

/**
 * The shipped archive on the newest Kafka Connect 3.x worker, which the Hub manifest claims. The POM runs this class
 * alone, with Kafka 3.x's worker and broker on the classpath instead of the project's Kafka 4.x and without the
 * project's classes, so the worker can load the connector only from the archive in plugin.path. It covers what the
 * README promises on 3.x: replication, resumption from stored offsets, exactly-once source support (KIP-618, 3.3+),
 * stopping and table-level offset resets (KIP-875, 3.5/3.6+), and our own MBeans where the worker has no plugin
 * metrics (KIP-877 is 4.1+). Only APIs that Kafka 3.x and 4.x share are called here.
 */
class ArchiveOnConnect3IT {
    private static final String CONNECTOR_CLASS = "io.herokupg.connect.HerokuPostgresSourceConnector";
    private static final String NAME = "on-connect-3";
    private static final String FULL = "it_c3.public.c3_full";
    private static final String INCR = "it_c3.public.c3_incr";

    private static EmbeddedConnectFixture connect;
    private final PostgresFixture pg = SharedServices.postgres();

    @BeforeAll
    static void startConnect3WorkerOnTheArchive() {
        connect = EmbeddedConnectFixture.start(1, Optional.of(Fixtures.pluginPath()), true);
    }

    @AfterAll
    static void stopWorker() {
        if (connect != null) {
            connect.close();
        }
    }

    @Test
    void theWorkerIsKafkaConnect3WithoutTheProjectOrKafka4OnTheClasspath() throws Exception {
        String version = get("").path("version").asText();
        assertThat(version).as("the worker's version (GET /)").startsWith("3.9.");
        assertThat(AppInfoParser.getVersion()).as("kafka-clients in this JVM").isEqualTo(version);
        assertThatThrownBy(() -> Class.forName(CONNECTOR_CLASS)).isInstanceOf(ClassNotFoundException.class);
        // KIP-877's interface: in every Kafka 4.1+, absent from 3.x.
        assertThatThrownBy(() -> Class.forName("org.apache.kafka.common.metrics.PluginMetrics"))
            .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void theWorkerListsTheConnectorFromTheArchiveWithItsVersion() {
        String archive = Fixtures.hubArchive().getFileName().toString();
        String ours = archive.replaceFirst("^herokupg-kafka-connect-heroku-postgres-", "").replaceFirst("\\.zip$", "");
        List<String> versions = new java.util.ArrayList<>();
        for (JsonNode plugin : connect.rest().plugins().body()) {
            if (CONNECTOR_CLASS.equals(plugin.path("class").asText())) {
                versions.add(plugin.path("version").asText());
            }
        }
        assertThat(versions).as("GET /connector-plugins").containsExactly(ours);
    }

    @Test
    void validationAnswersExactlyOnceSupportByTheTablesKeys() throws Exception {
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute("DROP TABLE IF EXISTS c3_keyed, c3_keyless");
            st.execute("CREATE TABLE c3_keyed (id int PRIMARY KEY)");
            st.execute("CREATE TABLE c3_keyless (id int)");
        }
        Map<String, String> keyed = connect.connectorConfig(pg, "c3-validate", "it_c3v", "public\\.c3_keyed");
        keyed.put("exactly.once.support", "required");
        assertThat(connect.rest().validate(keyed)).as("a keyed table, exactly once required").isEmpty();

        Map<String, String> keyless = new HashMap<>(keyed);
        keyless.put("table.include.list", "public\\.c3_keyless");
        // The worker asks the connector (exactlyOnceSupport) and refuses when it answers UNSUPPORTED.
        assertThat(connect.rest().validate(keyless)).as("a table without a primary key")
            .containsOnlyKeys("exactly.once.support");
        keyless.remove("exactly.once.support");
        assertThat(connect.rest().validate(keyless)).as("the same without exactly once").isEmpty();
    }

    @Test
    void replicatesExactlyResumesFromOffsetsAndResetsOneTable() throws Exception {
        createTables();
        Map<String, String> config = connect.connectorConfig(pg, NAME, "it_c3", "public\\.c3_(full|incr)");
        config.put("table.public.c3_incr.replication.method", "INCREMENTAL");
        config.put("table.public.c3_incr.replication.key", "id");
        config.put("table.public.c3_incr.poll.interval.ms", "500");
        config.put("exactly.once.support", "required");
        assertThat(connect.rest().validate(config)).isEmpty();
        connect.rest().putConnector(NAME, config);
        connect.rest().awaitRunning(NAME, 1);
        List<Decoded> first = read(FULL, 40);
        assertThat(first).hasSize(40);
        assertThat(rows(first)).isEqualTo(expected(1, 40, "full"));
        assertThat(rows(read(INCR, 30))).isEqualTo(expected(1, 30, "incr"));
        assertOurMBeans(70);

        // A new task instance starts from the offsets the worker stored: the new rows only.
        connect.rest().restartTask(NAME, 0);
        connect.rest().awaitRunning(NAME, 1);
        insert("c3_incr", 31, 40, "incr");
        List<Decoded> incr = read(INCR, 40);
        assertThat(incr).as("nothing repeated after the restart").hasSize(40);
        assertThat(rows(incr)).isEqualTo(expected(1, 40, "incr"));

        stopAndResetFullTable();
        connect.rest().resume(NAME);
        connect.rest().awaitRunning(NAME, 1);
        List<Decoded> full = read(FULL, 80);
        assertThat(full).as("c3_full replicated once more after its reset").hasSize(80);
        assertThat(rows(full)).isEqualTo(expected(1, 40, "full"));
        assertThat(read(INCR, 40)).as("c3_incr untouched by the reset").hasSize(40);
        connect.rest().delete(NAME);
    }

    /** KIP-875 on 3.x: stop, list the offsets, refuse a malformed one (our alterOffsets), reset one table. */
    private void stopAndResetFullTable() {
        connect.rest().stop(NAME);
        connect.rest().awaitStatus(NAME, s -> "STOPPED".equals(s.path("connector").path("state").asText()),
            Duration.ofSeconds(60));
        JsonNode offsets = connect.rest().offsets(NAME).body().path("offsets");
        assertThat(offsets.findValuesAsText("table")).as("GET offsets: %s", offsets)
            .containsExactlyInAnyOrder(pg.database() + ".public.c3_full", pg.database() + ".public.c3_incr");

        Map<String, Object> partition = Map.of("table", pg.database() + ".public.c3_full");
        Map<String, Object> malformed = Map.of("partition", partition,
            "offset", Map.of("method", "FULL_TABLE", "v", 1, "pass_started", "yesterday", "complete", false));
        ConnectRest.Response refused = connect.rest().patchOffsets(NAME, Map.of("offsets", List.of(malformed)));
        // 3.x answers 500 (4.x: 400), with the connector's message.
        assertThat(refused.status()).as("refused: %s", refused.body()).isGreaterThanOrEqualTo(400);
        assertThat(refused.body().path("message").asText()).contains("pass_started");

        Map<String, Object> reset = new HashMap<>();
        reset.put("partition", partition);
        reset.put("offset", null);
        ConnectRest.Response patched = connect.rest().patchOffsets(NAME, Map.of("offsets", List.of(reset)));
        assertThat(patched.status()).as("PATCH: %s", patched.body()).isEqualTo(200);
    }

    /**
     * Without plugin metrics the task registers its own MBeans (the guarded fallback), under the names plugin
     * metrics would have: one for the task and one per table.
     */
    private static void assertOurMBeans(long rows) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = server.queryNames(
            new ObjectName("kafka.connect:type=plugins,connector=" + NAME + ",task=0,*"), null);
        assertThat(names).as("MBeans %s", names).hasSize(3);
        for (ObjectName name : names) {
            assertThat(server.getObjectInstance(name).getClassName()).as("%s", name)
                .isEqualTo("io.herokupg.connect.metrics.JmxRegistry");
        }
        ObjectName task = new ObjectName("kafka.connect:type=plugins,connector=" + NAME + ",task=0");
        assertThat(((Number) server.getAttribute(task, "rows-total")).longValue()).isEqualTo(rows);
        assertThat(((Number) server.getAttribute(task, "tables")).longValue()).isEqualTo(2);
    }

    private void createTables() throws Exception {
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute("DROP TABLE IF EXISTS c3_full, c3_incr");
            st.execute("CREATE TABLE c3_full (id int PRIMARY KEY, note text)");
            st.execute("CREATE TABLE c3_incr (id int PRIMARY KEY, note text)");
        }
        insert("c3_full", 1, 40, "full");
        insert("c3_incr", 1, 30, "incr");
    }

    private void insert(String table, int from, int to, String note) throws Exception {
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute("INSERT INTO " + table + " SELECT g, '" + note + " ' || g FROM generate_series(" + from + ", "
                + to + ") g");
        }
    }

    private static Map<Integer, String> expected(int from, int to, String note) {
        Map<Integer, String> rows = new TreeMap<>();
        for (int id = from; id <= to; id++) {
            rows.put(id, note + " " + id);
        }
        return rows;
    }

    /** The records as id → note; a key seen twice must carry the same note. */
    private static Map<Integer, String> rows(List<Decoded> records) {
        return records.stream().collect(Collectors.toMap(r -> r.keyStruct().getInt32("id"),
            r -> r.valueStruct().getString("note"), (a, b) -> {
                assertThat(b).isEqualTo(a);
                return a;
            }, TreeMap::new));
    }

    private static List<Decoded> read(String topic, int count) {
        return connect.topics().readAtLeast(topic, count, Duration.ofSeconds(60), Duration.ofSeconds(2));
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(connect.restUrl() + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET /%s: %s", path, response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }
}
