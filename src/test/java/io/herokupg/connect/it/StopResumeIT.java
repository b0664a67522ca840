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
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.herokupg.connect.testing.ConnectFixture;
import io.herokupg.connect.testing.ConnectRest;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.TopicReader.Decoded;

/**
 * Stops a connector in the middle of a full-table pass and resumes it: the pass goes on after the last committed
 * key, nothing is skipped, and at most the uncommitted tail is sent again.
 */
class StopResumeIT {
    private static final String NAME = "stop-resume";
    private static final String TOPIC = "it_resume.public.resume_rows";
    private static final int ROWS = 3_000;

    private final PostgresFixture pg = SharedServices.postgres();
    private final ConnectFixture connect = SharedServices.connect();

    @AfterEach
    void deleteConnector() throws Exception {
        connect.rest().delete(NAME);
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute("ALTER ROLE CURRENT_USER RESET enable_sort");
        }
    }

    @Test
    void stoppedMidPassResumesAfterTheLastCommittedKey() throws Exception {
        createSlowTable();
        Map<String, String> config = connect.connectorConfig(pg, NAME, "it_resume", "public\\.resume_rows");
        config.put("batch.max.rows", "50");
        connect.rest().putConnector(NAME, config);
        connect.rest().awaitRunning(NAME, 1);

        // The row-level security policy costs ~2 ms a row, so the pass takes ~6 s: stop it a fifth of the way in.
        List<Decoded> beforeStop = connect.topics().readAtLeast(TOPIC, ROWS / 5, Duration.ofSeconds(60),
            Duration.ZERO);
        connect.rest().stop(NAME);
        connect.rest().awaitStatus(NAME, s -> "STOPPED".equals(s.path("connector").path("state").asText()),
            Duration.ofSeconds(60));
        JsonNode offset = storedOffset();
        assertThat(offset.path("complete").isBoolean()).as("offset %s", offset).isTrue();
        assertThat(offset.path("complete").asBoolean()).as("stopped in the middle of the pass: %s", offset)
            .isFalse();
        long committedKey = Long.parseLong(offset.path("last_key").asText());
        int emittedBeforeStop = connect.topics().readAtLeast(TOPIC, beforeStop.size(), Duration.ofSeconds(30),
            Duration.ofSeconds(1)).size();
        assertThat(committedKey).isBetween((long) ROWS / 5, ROWS - 1L);

        connect.rest().resume(NAME);
        List<Decoded> all = connect.topics().readAtLeast(TOPIC, ROWS, Duration.ofSeconds(90), Duration.ofSeconds(3));

        Map<Long, Long> counts = all.stream().collect(Collectors.groupingBy(r -> r.keyStruct().getInt64("id"),
            Collectors.counting()));
        assertThat(counts.keySet()).as("no row skipped").hasSize(ROWS);
        counts.forEach((id, count) -> {
            if (id <= committedKey) {
                assertThat(count).as("row %s, committed before the stop, is sent once", id).isEqualTo(1L);
            }
        });
        long duplicates = all.size() - ROWS;
        assertThat(duplicates).as("only the uncommitted tail may repeat")
            .isLessThanOrEqualTo(emittedBeforeStop - committedKey);
        long firstAfterResume = all.get(emittedBeforeStop).keyStruct().getInt64("id");
        assertThat(firstAfterResume).as("the resumed pass starts after the committed key, not at the beginning")
            .isEqualTo(committedKey + 1);
    }

    private void createSlowTable() throws Exception {
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute("DROP TABLE IF EXISTS resume_rows");
            st.execute("CREATE TABLE resume_rows (id bigint PRIMARY KEY, payload text NOT NULL)");
            st.execute("INSERT INTO resume_rows SELECT g, repeat('x', 50) || g FROM generate_series(1, " + ROWS
                + ") g");
            st.execute("CREATE OR REPLACE FUNCTION slow_visible() RETURNS boolean LANGUAGE plpgsql VOLATILE AS"
                + " $$ BEGIN PERFORM pg_sleep(0.002); RETURN true; END $$");
            st.execute("ALTER TABLE resume_rows ENABLE ROW LEVEL SECURITY");
            st.execute("ALTER TABLE resume_rows FORCE ROW LEVEL SECURITY");
            st.execute("CREATE POLICY slow_reads ON resume_rows FOR SELECT USING (slow_visible())");
            // Without this, the planner sorts the small table, evaluating the policy on every row before the first
            // one is returned; with it, rows stream in key order from the primary-key index, as from a big table.
            st.execute("ALTER ROLE CURRENT_USER SET enable_sort = off");
        }
    }

    private JsonNode storedOffset() {
        ConnectRest.Response response = connect.rest().offsets(NAME);
        assertThat(response.status()).as("GET offsets: %s", response.body()).isEqualTo(200);
        JsonNode offsets = response.body().path("offsets");
        Map<String, JsonNode> byTable = new HashMap<>();
        offsets.forEach(o -> byTable.put(o.path("partition").path("table").asText(), o.path("offset")));
        String partition = pg.database() + ".public.resume_rows";
        assertThat(byTable).as("stored offsets: %s", response.body()).containsKey(partition);
        return byTable.get(partition);
    }
}
