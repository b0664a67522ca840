/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static io.herokupg.connect.it.IncrementalIT.has;
import static io.herokupg.connect.it.IncrementalIT.ids;
import static io.herokupg.connect.it.IncrementalIT.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.TaskDriver;

/**
 * XMIN against a real PostgreSQL, on a table with a primary key and on one without: the first pass emits every row,
 * later passes exactly the row versions written since (the latest of each row), idle passes nothing; a transaction
 * held open across passes while others commit is emitted once it commits, exactly once; a materialized view is
 * emitted again whole when it is refreshed. Passes run only inside {@code poll()}, so the changes made between two
 * polls all fall between two passes.
 */
class XminIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Long enough for several passes at the 50 ms poll interval. */
    private static final Duration IDLE = Duration.ofMillis(600);
    private final PostgresFixture pg = SharedServices.postgres();

    @ParameterizedTest(name = "primary key: {0}")
    @ValueSource(booleans = {true, false})
    void theFirstPassEmitsEveryRowThenPassesEmitExactlyTheLatestVersionOfTheRowsWritten(boolean primaryKey)
        throws Exception {
        String table = createTable(primaryKey ? "xmin_changes_pk" : "xmin_changes_nopk", primaryKey, 50);
        TaskDriver driver = driver("public." + table, Map.of());
        List<SourceRecord> first = new ArrayList<>(driver.start().pollUntil(has(50), TIMEOUT));
        first.addAll(driver.pollFor(IDLE));
        assertThat(ids(first)).as("first pass").containsExactlyInAnyOrderElementsOf(range(1, 50));

        pg.execute("INSERT INTO " + table + " VALUES (51, 'new'), (52, 'new')",
            "INSERT INTO " + table + " VALUES (53, 'new')",
            "UPDATE " + table + " SET v = 'first' WHERE id = 1",
            "UPDATE " + table + " SET v = 'second' WHERE id = 1",
            "UPDATE " + table + " SET v = 'updated' WHERE id = 2",
            "DELETE FROM " + table + " WHERE id = 3");
        List<SourceRecord> changed = driver.pollUntil(has(5), TIMEOUT);
        changed.addAll(driver.pollFor(IDLE));
        assertThat(ids(changed)).as("changed rows").containsExactlyInAnyOrder(51L, 52L, 53L, 1L, 2L);
        // In the order of the transactions that wrote them, each row in its latest version.
        assertThat(values(changed)).containsExactly("new", "new", "new", "second", "updated");

        assertThat(driver.pollFor(IDLE)).as("idle passes").isEmpty();
        driver.stop();
    }

    @ParameterizedTest(name = "primary key: {0}, update in a subtransaction: {1}")
    @CsvSource({"true, false", "false, false", "true, true", "false, true"})
    void aTransactionHeldOpenAcrossPassesIsEmittedOnceItCommits(boolean primaryKey, boolean savepoint)
        throws Exception {
        String table = createTable("xmin_late_" + (primaryKey ? "pk" : "nopk") + (savepoint ? "_sub" : ""),
            primaryKey, 10);
        TaskDriver driver = driver("public." + table, Map.of());
        List<SourceRecord> emitted = new ArrayList<>(driver.start().pollUntil(has(10), TIMEOUT));
        try (Connection late = pg.connect()) {
            late.setAutoCommit(false);
            try (Statement st = late.createStatement()) {
                st.execute("INSERT INTO " + table + " VALUES (100, 'late')");
                if (savepoint) {
                    // As an ORM's nested transaction or a PL/pgSQL exception block: a subtransaction, with an id
                    // of its own, released (so committed with its parent) before the passes below.
                    st.execute("SAVEPOINT nested");
                }
                st.execute("UPDATE " + table + " SET v = 'late update' WHERE id = 5");
                if (savepoint) {
                    st.execute("RELEASE SAVEPOINT nested");
                }
            }
            for (int pass = 1; pass <= 5; pass++) {
                pg.execute("INSERT INTO " + table + " VALUES (" + (200 + 2 * pass) + ", 'during'), ("
                    + (201 + 2 * pass) + ", 'during')");
                if (savepoint) {
                    // Rows of transactions younger than one with subtransactions wait until it ends: the snapshot
                    // cannot tell their ids from its subtransactions'.
                    assertThat(driver.pollFor(Duration.ofMillis(300))).as("pass %d", pass).isEmpty();
                } else {
                    List<SourceRecord> during = driver.pollUntil(has(2), TIMEOUT);
                    during.addAll(driver.pollFor(Duration.ofMillis(100)));
                    assertThat(ids(during)).as("pass %d", pass).containsExactlyInAnyOrder(200L + 2 * pass,
                        201L + 2 * pass);
                    emitted.addAll(during);
                }
            }
            late.commit();
        }
        int expected = savepoint ? 12 : 2;
        List<SourceRecord> after = driver.pollUntil(has(expected), TIMEOUT);
        after.addAll(driver.pollFor(IDLE));
        assertThat(driver.pollFor(IDLE)).as("idle passes").isEmpty();
        driver.stop();

        assertThat(values(after)).as("after the commit").containsOnlyOnce("late", "late update");
        assertThat(after).hasSize(expected);
        emitted.addAll(after);
        assertThat(ids(emitted)).containsAll(range(1, 10)).contains(100L).hasSize(10 + 10 + 2);
        assertThat(ids(emitted).stream().distinct()).hasSize(10 + 10 + 1);
    }

    @Test
    void rowsFrozenBeforeAPassAreStillEmitted() throws Exception {
        String table = createTable("xmin_frozen", true, 10);
        TaskDriver driver = driver("public." + table, Map.of());
        assertThat(driver.start().pollUntil(has(10), TIMEOUT)).hasSize(10);

        // Freezing keeps a row's xmin as written (since PostgreSQL 9.4), so frozen rows keep their place.
        pg.execute("INSERT INTO " + table + " VALUES (11, 'new')",
            "UPDATE " + table + " SET v = 'updated' WHERE id = 1", "VACUUM (FREEZE) " + table);
        try (Connection conn = pg.connect(); Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT c.relfrozenxid::text::int8 > (SELECT max(xmin::text::int8) FROM "
                 + table + ") FROM pg_class c WHERE c.oid = '" + table + "'::regclass")) {
            assertThat(rs.next() && rs.getBoolean(1)).as("every row is frozen").isTrue();
        }
        List<SourceRecord> changed = driver.pollUntil(has(2), TIMEOUT);
        changed.addAll(driver.pollFor(IDLE));
        driver.stop();

        assertThat(ids(changed)).containsExactlyInAnyOrder(11L, 1L);
    }

    @Test
    void refreshingAMaterializedViewEmitsItsRowsAgain() throws Exception {
        createTable("xmin_mv_base", true, 20);
        pg.execute("DROP MATERIALIZED VIEW IF EXISTS xmin_mv",
            "CREATE MATERIALIZED VIEW xmin_mv AS SELECT id, v FROM xmin_mv_base");
        TaskDriver driver = driver("public.xmin_mv", Map.of("table.types", "MATERIALIZED_VIEW"));
        List<SourceRecord> first = new ArrayList<>(driver.start().pollUntil(has(20), TIMEOUT));
        first.addAll(driver.pollFor(IDLE));
        assertThat(ids(first)).containsExactlyInAnyOrderElementsOf(range(1, 20));

        pg.execute("UPDATE xmin_mv_base SET v = 'changed' WHERE id <= 3");
        assertThat(driver.pollFor(IDLE)).as("before the refresh").isEmpty();

        pg.execute("REFRESH MATERIALIZED VIEW xmin_mv");
        List<SourceRecord> refreshed = driver.pollUntil(has(20), TIMEOUT);
        refreshed.addAll(driver.pollFor(IDLE));
        driver.stop();

        assertThat(ids(refreshed)).containsExactlyInAnyOrderElementsOf(range(1, 20));
        Map<Long, String> values = new HashMap<>();
        refreshed.forEach(r -> values.put(ids(List.of(r)).get(0), values(List.of(r)).get(0)));
        assertThat(values).containsEntry(1L, "changed").containsEntry(3L, "changed").containsEntry(4L, "row");
    }

    private TaskDriver driver(String tables, Map<String, String> settings) {
        Map<String, String> config = new HashMap<>(Map.of("replication.method", "XMIN", "batch.max.rows", "20",
            "poll.interval.ms", "50"));
        config.putAll(settings);
        return new TaskDriver(pg, tables, config);
    }

    /** A table of {@code rows} rows (id, v = 'row'), with or without a primary key. */
    private String createTable(String table, boolean primaryKey, int rows) throws Exception {
        pg.execute("DROP TABLE IF EXISTS " + table + " CASCADE",
            "CREATE TABLE " + table + " (id bigint" + (primaryKey ? " PRIMARY KEY" : " NOT NULL") + ", v text)",
            "INSERT INTO " + table + " SELECT g, 'row' FROM generate_series(1, " + rows + ") g");
        return table;
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }
}
