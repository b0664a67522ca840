/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import io.herokupg.connect.testing.EmbeddedPostgresFixture;
import io.herokupg.connect.testing.LogCapture;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.TaskDriver;
import io.herokupg.connect.testing.TcpProxy;

/**
 * Outages in the middle of a pass, with real services: PostgreSQL stopped and started again, connections cut and
 * stalled by a proxy. The task keeps running, resumes from its position, loses no row, logs each outage once per
 * table, and stops promptly even while the network stalls.
 */
class OutageIT {
    private static final int ROWS = 6_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Test
    void aServerRestartMidPassIsRidOutAndLoggedOncePerTable() throws Exception {
        try (EmbeddedPostgresFixture pg = EmbeddedPostgresFixture.startRestartable();
             LogCapture log = LogCapture.begin()) {
            createTable(pg, "restart_a");
            createTable(pg, "restart_b");
            TaskDriver driver = new TaskDriver(pg, "public.restart_a,public.restart_b", Map.of("batch.max.rows", "500",
                "poll.interval.ms", "3600000", "database.connect.timeout.ms", "2000"));
            driver.start();
            List<SourceRecord> records = new ArrayList<>(driver.pollUntil(r -> !r.isEmpty(), TIMEOUT));

            pg.stopServer();
            records.addAll(driver.pollFor(Duration.ofSeconds(5)));
            pg.startServer();
            records.addAll(driver.pollUntil(r -> ids(records, r, "restart_a") == ROWS
                && ids(records, r, "restart_b") == ROWS, TIMEOUT));
            driver.stop();

            String text = log.text();
            assertThat(LogCapture.occurrences(text, "table public.restart_a is unreachable")).as(text).isEqualTo(1);
            assertThat(LogCapture.occurrences(text, "table public.restart_b is unreachable")).isEqualTo(1);
            assertThat(LogCapture.occurrences(text, "table public.restart_a is reachable again")).isEqualTo(1);
            assertThat(LogCapture.occurrences(text, "table public.restart_b is reachable again")).isEqualTo(1);
            assertThat(LogCapture.occurrences(text, "next retry in")).as("retries, logged at DEBUG")
                .isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void connectionsCutMidFetchAreReplacedWithoutLosingRows() throws Exception {
        PostgresFixture pg = SharedServices.postgres();
        createTable(pg, "outage_cut");
        try (TcpProxy proxy = TcpProxy.start(pg.host(), pg.port())) {
            TaskDriver driver = viaProxy(pg, "outage_cut", proxy, Map.of());
            List<SourceRecord> records = new ArrayList<>(driver.pollUntil(r -> !r.isEmpty(), TIMEOUT));
            for (int cut = 0; cut < 2; cut++) {
                proxy.cutAll();
                records.addAll(driver.pollUntil(r -> r.size() >= 1_000, TIMEOUT));
            }
            records.addAll(driver.pollUntil(r -> ids(records, r, "outage_cut") == ROWS, TIMEOUT));
            driver.stop();
            assertThat(ids(records, List.of(), "outage_cut")).isEqualTo(ROWS);
        }
    }

    @Test
    void aStalledNetworkIsDetectedAndStopStaysPrompt() throws Exception {
        PostgresFixture pg = SharedServices.postgres();
        createTable(pg, "outage_stall");
        try (TcpProxy proxy = TcpProxy.start(pg.host(), pg.port())) {
            // statement_timeout 2 s + connect timeout 2 s: a read that got no answer in 4 s is given up.
            TaskDriver driver = viaProxy(pg, "outage_stall", proxy, Map.of("database.statement.timeout.ms", "2000"));
            List<SourceRecord> records = new ArrayList<>(driver.pollUntil(r -> !r.isEmpty(), TIMEOUT));
            proxy.stall(true);
            CompletableFuture.delayedExecutor(7, TimeUnit.SECONDS).execute(() -> proxy.stall(false));
            records.addAll(driver.pollUntil(r -> ids(records, r, "outage_stall") == ROWS, TIMEOUT));
            driver.stop();
            assertThat(ids(records, List.of(), "outage_stall")).as("every row, after the stall").isEqualTo(ROWS);

            // A stall while the task reads ahead: polls do not hang on the network (they return what was read, or
            // nothing), and stop() from another thread (as older workers call it) is prompt.
            TaskDriver stalled = viaProxy(pg, "outage_stall", proxy, Map.of());
            stalled.pollUntil(r -> !r.isEmpty(), TIMEOUT);
            proxy.stall(true);
            Instant polling = Instant.now();
            while (!pollOnce(stalled).isEmpty()) {
                assertThat(Duration.between(polling, Instant.now())).as("polls drain what was read ahead")
                    .isLessThan(Duration.ofSeconds(5));
            }
            CompletableFuture<List<SourceRecord>> poll = CompletableFuture.supplyAsync(() -> pollOnce(stalled));
            assertThat(poll.get(2, TimeUnit.SECONDS)).as("a poll during the stall returns, empty").isEmpty();
            CompletableFuture<List<SourceRecord>> another = CompletableFuture.supplyAsync(() -> pollOnce(stalled));
            Instant start = Instant.now();
            stalled.stop();
            assertThat(Duration.between(start, Instant.now())).as("stop() during a stall")
                .isLessThan(Duration.ofSeconds(5));
            another.get(5, TimeUnit.SECONDS);
            proxy.stall(false);
        }
    }

    /**
     * A pass's COPY runs without statement_timeout (it lasts as long as its records take to be consumed), but waits
     * for a lock no longer than it: queued behind a migration's lock, the pass gives up, retries, and reads everything
     * once the lock is gone.
     */
    @Test
    void aPassQueuedBehindALockGivesUpAndRetries() throws Exception {
        PostgresFixture pg = SharedServices.postgres();
        createTable(pg, "outage_locked");
        try (Connection migration = pg.connect(); LogCapture log = LogCapture.begin()) {
            migration.setAutoCommit(false);
            try (Statement st = migration.createStatement()) {
                st.execute("LOCK TABLE outage_locked IN ACCESS EXCLUSIVE MODE");
            }
            TaskDriver driver = new TaskDriver(pg, "public.outage_locked", Map.of("batch.max.rows", "500",
                "poll.interval.ms", "3600000", "database.statement.timeout.ms", "1000"));
            driver.start();
            List<SourceRecord> records = new ArrayList<>(driver.pollFor(Duration.ofSeconds(3)));
            assertThat(records).as("nothing read while the table is locked").isEmpty();
            assertThat(log.text()).contains("lock timeout").contains("table public.outage_locked is unreachable");
            migration.rollback();
            records.addAll(driver.pollUntil(r -> ids(records, r, "outage_locked") == ROWS, TIMEOUT));
            driver.stop();
            assertThat(ids(records, List.of(), "outage_locked")).isEqualTo(ROWS);
        }
    }

    private static List<SourceRecord> pollOnce(TaskDriver driver) {
        try {
            return driver.poll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static TaskDriver viaProxy(PostgresFixture pg, String table, TcpProxy proxy,
                                       Map<String, String> settings) {
        Map<String, String> config = new java.util.HashMap<>(Map.of("database.port", Integer.toString(proxy.port()),
            "batch.max.rows", "500", "poll.interval.ms", "3600000", "database.connect.timeout.ms", "2000"));
        config.putAll(settings);
        return new TaskDriver(pg, "public." + table, config).start();
    }

    /** Distinct ids of a table among the records of both lists. */
    private static long ids(List<SourceRecord> before, List<SourceRecord> now, String table) {
        return java.util.stream.Stream.concat(before.stream(), now.stream())
            .filter(r -> r.topic().endsWith("." + table))
            .map(r -> ((Struct) r.value()).getInt64("id")).distinct().count();
    }

    private static void createTable(PostgresFixture pg, String table) throws Exception {
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table);
            st.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, v text)");
            // Rows of 4 kB: a pass is far larger than what the task reads ahead (and the sockets buffer), so the
            // outages happen while the server still has rows to send.
            st.execute("INSERT INTO " + table + " SELECT g, repeat(md5(g::text), 128) FROM generate_series(1, " + ROWS
                + ") g");
        }
    }
}
