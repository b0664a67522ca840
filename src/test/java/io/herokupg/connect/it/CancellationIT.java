/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static io.herokupg.connect.it.IncrementalIT.has;
import static io.herokupg.connect.it.IncrementalIT.ids;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.herokupg.connect.testing.LogCapture;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.SlowTables;
import io.herokupg.connect.testing.TaskDriver;

/**
 * Cancellations are outages, not failures: a statement cancelled by {@code pg_cancel_backend} (as pg_repack and
 * {@code heroku pg:kill} do) in the middle of a pass's stream, a query ended by {@code statement_timeout} while a
 * migration holds the table's lock, and a session ended by {@code idle_in_transaction_session_timeout} (set in the
 * URL's options) because the records were consumed slowly. Each time the task retries, keeps its position, and
 * every row arrives exactly once.
 */
class CancellationIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration IDLE = Duration.ofMillis(600);
    private final PostgresFixture pg = SharedServices.postgres();

    @AfterEach
    void reset() throws Exception {
        SlowTables.reset(pg);
    }

    @Test
    void aPassCancelledWhileItStreamsResumesAfterItsLastKey() throws Exception {
        SlowTables.create(pg, "cancel_slow", 1_500);
        TaskDriver driver = new TaskDriver(pg, "public.cancel_slow", Map.of("batch.max.rows", "100",
            "poll.interval.ms", "3600000"));
        try (LogCapture log = LogCapture.begin()) {
            List<SourceRecord> records = new ArrayList<>(driver.start().pollUntil(has(200), TIMEOUT));
            int cancelled;
            try (Connection conn = pg.connect(); Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE pg_cancel_backend(pid))"
                     + " FROM pg_stat_activity WHERE query LIKE 'COPY (%cancel_slow%' AND state = 'active'"
                     + " AND pid <> pg_backend_pid()")) {
                rs.next();
                cancelled = rs.getInt(1);
            }
            assertThat(cancelled).as("the pass's COPY was cancelled").isEqualTo(1);
            records.addAll(driver.pollUntil(r -> distinct(records, r) == 1_500, TIMEOUT));
            records.addAll(driver.pollFor(IDLE));
            driver.stop();

            assertThat(ids(records)).as("every row once").doesNotHaveDuplicates().hasSize(1_500);
            assertThat(log.text()).contains("table public.cancel_slow is unreachable").contains("57014");
        }
    }

    /**
     * Before its first pass, an INCREMENTAL table with a sequence key asks for its highest key, in autocommit mode, so
     * under {@code statement_timeout}: queued behind a migration's lock, that query is cancelled (57014).
     */
    @Test
    void aQueryEndedByTheStatementTimeoutIsRetried() throws Exception {
        String table = "cancel_timeout";
        pg.execute("DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table + " (id bigserial PRIMARY KEY, v text)",
            "INSERT INTO " + table + " (v) SELECT 'row' FROM generate_series(1, 50)");
        try (Connection migration = pg.connect(); LogCapture log = LogCapture.begin()) {
            migration.setAutoCommit(false);
            try (Statement st = migration.createStatement()) {
                st.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
            }
            TaskDriver driver = new TaskDriver(pg, "public." + table, Map.of("replication.method", "INCREMENTAL",
                "replication.key", "id", "poll.interval.ms", "50", "database.statement.timeout.ms", "500"));
            List<SourceRecord> records = new ArrayList<>(driver.start().pollFor(Duration.ofSeconds(2)));
            assertThat(records).as("nothing read while the table is locked").isEmpty();
            assertThat(log.text()).contains("table public." + table + " is unreachable")
                .contains("statement timeout").contains("57014");
            migration.rollback();

            records.addAll(driver.pollUntil(has(50), TIMEOUT));
            records.addAll(driver.pollFor(IDLE));
            driver.stop();
            assertThat(ids(records)).as("every row once").doesNotHaveDuplicates().hasSize(50);
        }
    }

    /**
     * The pass's rows are read ahead, so its COPY ends while the records are still being taken: the session is idle
     * in its transaction until the pass ends with one more query (an initial load asks for its highest key). A
     * poller slower than the timeout finds that session ended (25P03); the pass goes on in a new transaction.
     */
    @Test
    void aSessionEndedForIdlingInItsTransactionIsRetried() throws Exception {
        String table = "cancel_idle";
        pg.execute("DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table + " (id bigint PRIMARY KEY, v text)",
            "INSERT INTO " + table + " SELECT g, 'row' FROM generate_series(1, 300) g");
        Map<String, String> settings = new HashMap<>(Map.of("replication.method", "INCREMENTAL",
            "replication.key", "id", "poll.interval.ms", "50", "batch.max.rows", "50"));
        settings.put("database.url", pg.databaseUrl() + "?options=-c%20idle_in_transaction_session_timeout%3D300");
        TaskDriver driver = new TaskDriver(pg, "public." + table, settings);
        try (LogCapture log = LogCapture.begin()) {
            List<SourceRecord> records = new ArrayList<>();
            driver.start();
            Instant deadline = Instant.now().plus(TIMEOUT);
            while (distinct(records, List.of()) < 300 && Instant.now().isBefore(deadline)) {
                records.addAll(driver.poll());
                // A slow consumer: the worker polls again only once the producer took the records.
                Thread.sleep(500);
            }
            records.addAll(driver.pollFor(IDLE));
            driver.stop();

            assertThat(ids(records)).as("every row once").doesNotHaveDuplicates().hasSize(300);
            assertThat(log.text()).as("the session was ended at least once").contains("25P03");
        }
    }

    private static long distinct(List<SourceRecord> before, List<SourceRecord> now) {
        List<SourceRecord> all = new ArrayList<>(before);
        all.addAll(now);
        return ids(all).stream().distinct().count();
    }
}
