/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static io.herokupg.connect.it.IncrementalIT.has;
import static io.herokupg.connect.it.IncrementalIT.ids;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.herokupg.connect.testing.LogCapture;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.TaskDriver;

/**
 * A table's stored position belongs to its method (and INCREMENTAL key): when either changes, the task ignores the
 * position with a warning naming the table, and the table starts afresh with a pass over every row. Passes are an
 * hour apart, so a table that kept its position emits nothing on restart, and one that starts afresh emits at once.
 */
class MethodChangeIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration IDLE = Duration.ofMillis(600);
    private static final int ROWS = 30;
    private final PostgresFixture pg = SharedServices.postgres();

    static Stream<Arguments> changes() {
        Map<String, String> fullTable = Map.of("replication.method", "FULL_TABLE");
        Map<String, String> byUpdatedAt = Map.of("replication.method", "INCREMENTAL", "replication.key", "updated_at");
        Map<String, String> byId = Map.of("replication.method", "INCREMENTAL", "replication.key", "id");
        Map<String, String> xmin = Map.of("replication.method", "XMIN");
        return Stream.of(
            Arguments.of("FULL_TABLE to INCREMENTAL", "mc_full_inc", fullTable, byUpdatedAt,
                "is for method FULL_TABLE, and the table is now replicated by INCREMENTAL"),
            Arguments.of("INCREMENTAL key updated_at to id", "mc_key", byUpdatedAt, byId,
                "is for replication key updated_at, and the key is now id"),
            Arguments.of("INCREMENTAL to XMIN", "mc_inc_xmin", byId, xmin,
                "is for method INCREMENTAL, and the table is now replicated by XMIN"),
            Arguments.of("XMIN to FULL_TABLE", "mc_xmin_full", xmin, fullTable,
                "is for method XMIN, and the table is now replicated by FULL_TABLE"),
            Arguments.of("per-table FULL_TABLE to per-table INCREMENTAL", "mc_per_table",
                Map.of("table.public.mc_per_table.replication.method", "FULL_TABLE"),
                Map.of("table.public.mc_per_table.replication.method", "INCREMENTAL",
                    "table.public.mc_per_table.replication.key", "updated_at"),
                "is for method FULL_TABLE, and the table is now replicated by INCREMENTAL"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void aChangedMethodOrKeyStartsTheTableAfresh(String name, String table, Map<String, String> before,
                                                 Map<String, String> after, String warning) throws Exception {
        createTable(table);
        Map<String, String> settings = new HashMap<>(before);
        settings.put("poll.interval.ms", "3600000");
        TaskDriver driver = new TaskDriver(pg, "public." + table, settings);
        List<SourceRecord> first = new ArrayList<>(driver.start().pollUntil(has(ROWS), TIMEOUT));
        first.addAll(driver.pollFor(IDLE));
        assertThat(ids(first)).as("first pass").containsExactlyInAnyOrderElementsOf(all());
        driver.commit(first);
        driver.stop();

        // Unchanged, the table resumes from its position: its next pass is an hour away.
        assertThat(driver.start().pollFor(IDLE)).as("restarted unchanged").isEmpty();
        driver.stop();

        driver.reconfigure(after);
        try (LogCapture log = LogCapture.begin()) {
            List<SourceRecord> again = new ArrayList<>(driver.start().pollUntil(has(ROWS), TIMEOUT));
            again.addAll(driver.pollFor(IDLE));
            driver.stop();

            assertThat(ids(again)).as("after the change").containsExactlyInAnyOrderElementsOf(all());
            assertThat(log.text()).contains("Table public." + table + ": the stored position " + warning);
        }
    }

    private void createTable(String table) throws Exception {
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table);
            st.execute("CREATE TABLE " + table + " (id bigserial PRIMARY KEY,"
                + " updated_at timestamptz NOT NULL DEFAULT now(), v text)");
            st.execute("INSERT INTO " + table + " (v) SELECT 'row' FROM generate_series(1, " + ROWS + ")");
        }
    }

    private static List<Long> all() {
        return LongStream.rangeClosed(1, ROWS).boxed().toList();
    }
}
