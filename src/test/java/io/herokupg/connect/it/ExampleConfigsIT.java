/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.herokupg.connect.testing.ConnectorIT;
import io.herokupg.connect.testing.TopicReader.Decoded;

/**
 * The configurations users copy: config/heroku-postgres-source.json and .properties (the same settings) and the
 * README's minimal config validate against a Rails-like schema and replicate it, into compacted topics. Only what
 * cannot be the same here changes: the database settings (the worker's URL of the test server), the schema
 * ({@code public} → {@code examples}) and the replication factor (one broker).
 */
class ExampleConfigsIT extends ConnectorIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    ExampleConfigsIT() {
        super("examples");
    }

    @Test
    void theJsonAndPropertiesExamplesHoldTheSameSettings() throws Exception {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("config/heroku-postgres-source.properties"))) {
            properties.load(in);
        }
        Map<String, String> json = jsonExample();
        json.put("name", "heroku-postgres-source");
        assertThat(properties).containsExactlyInAnyOrderEntriesOf(json);
        assertThat(json).containsEntry("replication.method", "INCREMENTAL")
            .containsEntry("topic.creation.default.cleanup.policy", "compact");
    }

    @Test
    void theExampleValidatesAndReplicatesARailsSchemaIntoCompactedTopics() throws Exception {
        createRailsSchema();
        Map<String, String> config = adapt(jsonExample());
        assertThat(connect.rest().validate(config)).isEmpty();

        connect.rest().putConnector(name, config);
        connect.rest().awaitRunning(name, 2);
        List<Decoded> orders = connect.topics().readAtLeast("it_examples.examples.orders", 20,
            Duration.ofSeconds(60), Duration.ofSeconds(1));
        assertThat(orders).extracting(r -> r.keyStruct().getInt64("id")).doesNotHaveDuplicates().hasSize(20);
        assertThat(connect.topics().topicConfig("it_examples.examples.orders", "cleanup.policy")).isEqualTo("compact");
        assertThat(connect.topics().topicsWithPrefix("it_examples.examples.")).doesNotContain(
            "it_examples.examples.schema_migrations");
    }

    @Test
    void theReadmesMinimalConfigValidates() throws Exception {
        createRailsSchema();
        Matcher block = Pattern.compile("\\*\\*Minimal config\\*\\*.*?```json\\n(.*?)```", Pattern.DOTALL)
            .matcher(Files.readString(Path.of("README.md")));
        assertThat(block.find()).as("the README's minimal config").isTrue();
        Map<String, String> config = adapt(JSON.readValue(block.group(1), new TypeReference<Map<String, String>>() {
        }));
        assertThat(config).containsEntry("replication.method", "INCREMENTAL");
        assertThat(connect.rest().validate(config)).isEmpty();
    }

    @Test
    void aConfluentJdbcSourceConfigIsAnsweredWithOurSettings() {
        Map<String, String> config = new HashMap<>(connect.databaseConfig(pg));
        config.put("connector.class", "io.herokupg.connect.HerokuPostgresSourceConnector");
        config.put("name", name);
        config.put("mode", "timestamp+incrementing");
        config.put("timestamp.column.name", "updated_at");
        config.put("incrementing.column.name", "id");
        config.put("table.whitelist", "orders");
        config.put("table.poll.interval.ms", "60000");

        Map<String, List<String>> errors = connect.rest().validate(config);

        assertThat(errors).containsOnlyKeys("mode", "timestamp.column.name", "incrementing.column.name",
            "table.whitelist", "table.poll.interval.ms");
        assertThat(errors.get("mode").get(0)).contains("replication.method");
        assertThat(errors.get("table.whitelist").get(0)).contains("table.include.list");
        assertThat(errors.get("table.poll.interval.ms").get(0)).contains("table.discovery.interval.ms");
    }

    private Map<String, String> jsonExample() throws Exception {
        JsonNode example = JSON.readTree(Path.of("config/heroku-postgres-source.json").toFile());
        return new HashMap<>(JSON.convertValue(example.path("config"), new TypeReference<Map<String, String>>() {
        }));
    }

    private Map<String, String> adapt(Map<String, String> example) {
        Map<String, String> config = new HashMap<>(example);
        assertThat(config.remove("database.url")).isEqualTo("${env:DATABASE_URL}");
        config.putAll(connect.databaseConfig(pg));
        config.put("name", name);
        config.put("topic.prefix", "it_examples");
        config.replaceAll((key, value) -> key.startsWith("table.") ? value.replace("public", "examples") : value);
        config.computeIfPresent("topic.creation.default.replication.factor", (key, value) -> "1");
        return config;
    }

    private void createRailsSchema() throws Exception {
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS examples CASCADE");
            st.execute("CREATE SCHEMA examples");
            st.execute("CREATE TABLE examples.schema_migrations (version varchar PRIMARY KEY)");
            st.execute("CREATE TABLE examples.ar_internal_metadata (key varchar PRIMARY KEY, value varchar,"
                + " created_at timestamp(6) NOT NULL, updated_at timestamp(6) NOT NULL)");
            st.execute("CREATE TABLE examples.orders (id bigserial PRIMARY KEY, total numeric(12, 2),"
                + " created_at timestamp(6) NOT NULL DEFAULT now(), updated_at timestamp(6) NOT NULL DEFAULT now())");
            st.execute("CREATE INDEX ON examples.orders (updated_at)");
            st.execute("CREATE TABLE examples.line_items (id bigserial PRIMARY KEY, order_id bigint, qty int,"
                + " created_at timestamp(6) NOT NULL DEFAULT now(), updated_at timestamp(6) NOT NULL DEFAULT now())");
            st.execute("CREATE INDEX ON examples.line_items (updated_at)");
            st.execute("INSERT INTO examples.schema_migrations VALUES ('20260101000000')");
            st.execute("INSERT INTO examples.orders (total) SELECT g * 1.5 FROM generate_series(1, 20) g");
        }
    }
}
