/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.TaskDriver;

/**
 * start.position: where a table without a stored position starts. now: no initial load, the changes after the first
 * pass only, whose position is committed with its loading report, so that a restart before any change loses none.
 * key: the rows from a replication key value on, then every change (also of rows below it), surviving a restart in
 * the middle of the first pass.
 */
class StartPositionIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration IDLE = Duration.ofMillis(800);
    private static final String REPORTS = "it_start_reports";
    private final PostgresFixture pg = SharedServices.postgres();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"INCREMENTAL", "XMIN", "CAPTURE"})
    void nowStartsWithTheChangesAfterTheFirstPassAndKeepsThemAcrossARestart(String method) throws Exception {
        String table = "sp_now_" + method.toLowerCase(java.util.Locale.ROOT);
        createTable(table, 50);
        Map<String, String> settings = new HashMap<>(Map.of("replication.method", method, "start.position", "now",
            "reports.topic", REPORTS, "poll.interval.ms", "500", "capture.setup", "auto"));
        if (method.equals("INCREMENTAL")) {
            settings.put("replication.key", "updated_at");
        }
        TaskDriver driver = new TaskDriver(pg, "public." + table, settings);
        List<SourceRecord> first = driver.start().pollUntil(r -> !r.isEmpty(), TIMEOUT);
        first.addAll(driver.pollFor(IDLE));
        assertThat(rows(first)).as("no initial load").isEmpty();
        assertThat(first).as("the first pass's report").anyMatch(r -> r.topic().equals(REPORTS));
        driver.commit(first);
        driver.stop();

        // Changes made while the task is down: after the first pass, so they are the table's first changes.
        execute("UPDATE " + table + " SET v = 'changed', updated_at = clock_timestamp() WHERE id IN (3, 7)",
            "INSERT INTO " + table + " (id, v) VALUES (51, 'new')");
        List<SourceRecord> changes = driver.start().pollUntil(r -> rows(r).size() >= 3, TIMEOUT);
        changes.addAll(driver.pollFor(IDLE));
        driver.stop();
        assertThat(ids(rows(changes))).containsExactlyInAnyOrder(3L, 7L, 51L);
    }

    @Test
    void keyStartsFromTheKeyThenEmitsEveryChangeEvenAfterARestartMidPass() throws Exception {
        createTable("sp_key", 300);
        TaskDriver driver = new TaskDriver(pg, "public.sp_key", Map.of("replication.method", "INCREMENTAL",
            "replication.key", "id", "start.position", "key", "start.key", "201", "batch.max.rows", "40",
            "poll.interval.ms", "500"));
        // The first pass stops after its first batch, committed: the restarted task goes on with the pass.
        List<SourceRecord> firstBatch = driver.start().pollUntil(r -> !r.isEmpty(), TIMEOUT);
        driver.commit(firstBatch);
        driver.stop();
        List<SourceRecord> rest = driver.start().pollUntil(r -> ids(r).contains(300L), TIMEOUT);
        rest.addAll(driver.pollFor(IDLE));
        List<Long> loaded = new ArrayList<>(ids(firstBatch));
        loaded.addAll(ids(rest));
        assertThat(loaded).as("the rows from key 201 on, once").containsExactlyInAnyOrderElementsOf(
            LongStream.rangeClosed(201, 300).boxed().toList());
        driver.commit(rest);

        execute("UPDATE sp_key SET v = 'changed' WHERE id = 5", "INSERT INTO sp_key (id, v) VALUES (301, 'new')");
        List<SourceRecord> changes = driver.pollUntil(r -> ids(r).size() >= 1, TIMEOUT);
        changes.addAll(driver.pollFor(IDLE));
        driver.stop();
        // Then the changes, by the key: the new row (an update of row 5 moves no id, which INCREMENTAL by id misses).
        assertThat(ids(changes)).containsExactly(301L);
    }

    private static List<SourceRecord> rows(List<SourceRecord> records) {
        return records.stream().filter(r -> !r.topic().equals(REPORTS)).toList();
    }

    private static List<Long> ids(List<SourceRecord> records) {
        return records.stream().filter(r -> !r.topic().equals(REPORTS))
            .map(r -> ((Struct) r.value()).getInt64("id")).toList();
    }

    private void createTable(String table, int rows) throws Exception {
        execute("DROP TABLE IF EXISTS " + table,
            "CREATE TABLE " + table + " (id bigint PRIMARY KEY, v text,"
                + " updated_at timestamptz NOT NULL DEFAULT clock_timestamp())",
            "INSERT INTO " + table + " (id, v) SELECT g, 'v' || g FROM generate_series(1, " + rows + ") g");
    }

    private void execute(String... sql) throws Exception {
        try (Connection c = pg.connect(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }
}
