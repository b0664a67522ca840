/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.herokupg.connect.testing.ConnectorIT;
import io.herokupg.connect.testing.ConnectRest;

/**
 * Stitch's "Table-level Reset" in Kafka's terms (KIP-875): with the connector stopped, a null offset for one
 * table's partition re-replicates that table only; malformed offsets are refused with the expected shape.
 */
class TableResetIT extends ConnectorIT {
    TableResetIT() {
        super("table-reset");
    }

    @Test
    void resettingOneTableReplicatesItAgainAndLeavesTheOthers() throws Exception {
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            for (String table : List.of("reset_a", "reset_b")) {
                st.execute("DROP TABLE IF EXISTS " + table);
                st.execute("CREATE TABLE " + table + " (id int PRIMARY KEY)");
                st.execute("INSERT INTO " + table + " SELECT generate_series(1, 50)");
            }
        }
        connect.rest().putConnector(name, connect.connectorConfig(pg, name, "it_reset", "public\\.reset_.*"));
        connect.rest().awaitRunning(name, 1);
        read("reset_a", 50);
        read("reset_b", 50);
        stop();

        Map<String, Object> partitionA = partition("reset_a");
        Map<String, Object> reset = new HashMap<>();
        reset.put("partition", partitionA);
        reset.put("offset", null);
        ConnectRest.Response patched = connect.rest().patchOffsets(name, Map.of("offsets", List.of(reset)));
        assertThat(patched.status()).as("PATCH: %s", patched.body()).isEqualTo(200);
        connect.rest().resume(name);
        connect.rest().awaitRunning(name, 1);

        assertThat(read("reset_a", 100)).as("reset_a replicated again").hasSize(100);
        assertThat(read("reset_b", 50)).as("reset_b untouched").hasSize(50);
    }

    @Test
    void malformedOffsetsAreRefusedWithTheExpectedShape() throws Exception {
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS reset_a (id int PRIMARY KEY)");
        }
        connect.rest().putConnector(name, connect.connectorConfig(pg, name, "it_reset_bad", "public\\.reset_a"));
        connect.rest().awaitRunning(name, 1);
        stop();

        Map<String, Object> wrongOffset = Map.of("partition", partition("reset_a"),
            "offset", Map.of("method", "FULL_TABLE", "v", 1, "pass_started", "yesterday", "complete", false));
        ConnectRest.Response response = connect.rest().patchOffsets(name, Map.of("offsets", List.of(wrongOffset)));
        assertThat(response.status()).as("refused: %s", response.body()).isGreaterThanOrEqualTo(400);
        assertThat(response.body().path("message").asText()).contains("pass_started").contains("integer");

        Map<String, Object> wrongPartition = new HashMap<>();
        wrongPartition.put("partition", Map.of("table", "reset_a"));
        wrongPartition.put("offset", null);
        response = connect.rest().patchOffsets(name, Map.of("offsets", List.of(wrongPartition)));
        assertThat(response.status()).as("refused: %s", response.body()).isGreaterThanOrEqualTo(400);
        assertThat(response.body().path("message").asText()).contains("<database>.<schema>.<table>");
    }

    private void stop() {
        connect.rest().stop(name);
        connect.rest().awaitStatus(name, s -> "STOPPED".equals(s.path("connector").path("state").asText()),
            Duration.ofSeconds(60));
    }

    /** The partition as a user writes it by hand: one key, so no key order to get wrong. */
    private Map<String, Object> partition(String table) {
        return Map.of("table", pg.database() + ".public." + table);
    }

    private List<?> read(String table, int count) {
        return connect.topics().readAtLeast("it_reset.public." + table, count, Duration.ofSeconds(60),
            Duration.ofSeconds(2));
    }
}
