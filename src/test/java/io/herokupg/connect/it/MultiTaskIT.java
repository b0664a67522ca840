/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.herokupg.connect.testing.ConnectorIT;
import io.herokupg.connect.testing.TopicReader.Decoded;

/** Two tasks, five tables: each table is assigned to exactly one task, and every row arrives once. */
class MultiTaskIT extends ConnectorIT {
    private static final Map<String, Integer> TABLES = Map.of(
        "mt_a", 4000, "mt_b", 2500, "mt_c", 1200, "mt_d", 300, "mt_e", 7);


    MultiTaskIT() {
        super("multi-task");
    }

    @Test
    void fiveTablesOverTwoTasksEachTableOnceAllRowsArrive() throws Exception {
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            for (Map.Entry<String, Integer> table : TABLES.entrySet()) {
                st.execute("DROP TABLE IF EXISTS " + table.getKey());
                st.execute("CREATE TABLE " + table.getKey() + " (id int PRIMARY KEY, body text)");
                st.execute("INSERT INTO " + table.getKey() + " SELECT g, md5(g::text) FROM generate_series(1, "
                    + table.getValue() + ") g");
                st.execute("ANALYZE " + table.getKey());
            }
        }
        Map<String, String> config = connect.connectorConfig(pg, name, "it_multi", "public\\.mt_.*");
        config.put("tasks.max", "2");
        config.put("batch.max.rows", "300");
        connect.rest().putConnector(name, config);
        connect.rest().awaitRunning(name, 2);

        List<String> assigned = new ArrayList<>();
        JsonNode tasks = connect.rest().tasks(name).body();
        assertThat(tasks).hasSize(2);
        for (JsonNode task : tasks) {
            List<String> tables = decodeAssignment(task.path("config").path("task.assignment").asText());
            assertThat(tables).as("task %s has work", task.path("id")).isNotEmpty();
            assigned.addAll(tables);
        }
        assertThat(assigned).as("every table in exactly one task")
            .containsExactlyInAnyOrderElementsOf(TABLES.keySet().stream().map(t -> "public." + t).toList());

        for (Map.Entry<String, Integer> table : TABLES.entrySet()) {
            List<Decoded> records = connect.topics().readAtLeast("it_multi.public." + table.getKey(),
                table.getValue(), Duration.ofSeconds(60), Duration.ofSeconds(1));
            assertThat(records).extracting(r -> r.keyStruct().getInt32("id"))
                .as("rows of %s", table.getKey()).doesNotHaveDuplicates().hasSize(table.getValue());
        }
    }

    /** The task config's encoding: percent-encoded schema.table items, comma-separated. */
    private static List<String> decodeAssignment(String encoded) {
        List<String> tables = new ArrayList<>();
        for (String item : encoded.split(",")) {
            String[] parts = item.split("\\.");
            tables.add(URLDecoder.decode(parts[0], StandardCharsets.UTF_8) + "."
                + URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return tables;
    }
}
