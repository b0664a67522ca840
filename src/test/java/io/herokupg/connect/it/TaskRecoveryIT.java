/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import io.herokupg.connect.HerokuPostgresSourceTask;
import io.herokupg.connect.testing.FakeSourceTaskContext;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.TcpProxy;

/**
 * The task against a real PostgreSQL, driven directly: a connection killed in the middle of a pass or while the task
 * discovers its tables, and a task restarted from the offsets the worker committed, lose no row.
 */
class TaskRecoveryIT {
    private static final int ROWS = 2_000;
    private final PostgresFixture pg = SharedServices.postgres();

    @Test
    void aConnectionKilledMidPassIsRetriedWithoutLosingRows() throws Exception {
        createTable("recovery_kill");
        HerokuPostgresSourceTask task = startTask("recovery_kill", new FakeSourceTaskContext(Map.of()));
        List<SourceRecord> records = new ArrayList<>(pollUntil(task, 1));
        // The task now holds an open cursor; kill its backend, as a Heroku maintenance or failover would.
        terminateConnectorBackends();
        records.addAll(pollUntil(task, ROWS - records.size()));
        task.stop();

        assertThat(records.stream().map(r -> ((Struct) r.value()).getInt64("id")).distinct().count())
            .as("every row arrives despite the killed connection").isEqualTo(ROWS);
        assertThat(records.get(records.size() - 1).sourceOffset().get("complete")).isEqualTo(true);
    }

    @Test
    void aConnectionKilledDuringTableDiscoveryIsRetried() throws Exception {
        createTable("recovery_discovery");
        HerokuPostgresSourceTask task = startTask("recovery_discovery", new FakeSourceTaskContext(Map.of()));
        try (Connection admin = pg.superuser()) {
            admin.setAutoCommit(false);
            try (Statement st = admin.createStatement()) {
                // The first poll discovers the tables; its catalog query waits for this lock, and is killed there.
                st.execute("LOCK TABLE pg_catalog.pg_namespace IN ACCESS EXCLUSIVE MODE");
            }
            CompletableFuture<Void> killed = CompletableFuture.runAsync(() -> terminateWhenWaitingForLock(admin));
            assertThat(task.poll()).as("the poll whose discovery was killed").isNull();
            killed.join();
            admin.rollback();
        }
        List<SourceRecord> records = pollUntil(task, ROWS);
        task.stop();

        assertThat(records.stream().map(r -> ((Struct) r.value()).getInt64("id")).distinct().count())
            .as("every row arrives once discovery is retried").isEqualTo(ROWS);
    }

    /** Kills the connector's backend once it waits for a lock (the caller's), on this connection. */
    private static void terminateWhenWaitingForLock(Connection admin) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        try (Statement st = admin.createStatement()) {
            while (Instant.now().isBefore(deadline)) {
                // Within a transaction, pg_stat_activity is read once unless its snapshot is cleared.
                st.execute("SELECT pg_stat_clear_snapshot()");
                try (ResultSet rs = st.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE application_name LIKE 'kafka-connect-heroku-postgres%' AND wait_event_type = 'Lock'")) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        throw new AssertionError("the task's discovery never waited for the lock");
    }

    /**
     * HikariCP checks the first connection of a pool once (isValid, then the default isolation level); a connection
     * lost during that check left the pool setting isolation level -1 on every later connection, which the driver
     * refuses (HikariCP issue 1944), and the task failed. A slow network leaves the time to kill the connection
     * once the server is ready, before the checks reach it.
     */
    @Test
    void aConnectionLostWhileThePoolChecksItsFirstConnectionIsRetried() throws Exception {
        createTable("recovery_first_connection");
        try (TcpProxy proxy = TcpProxy.start(pg.host(), pg.port())) {
            proxy.delayClientWrites(Duration.ofMillis(300));
            HerokuPostgresSourceTask task = startTask("recovery_first_connection",
                new FakeSourceTaskContext(Map.of()), Map.of("database.port", Integer.toString(proxy.port()),
                    "database.connect.timeout.ms", "5000"));
            CompletableFuture<Void> killed = CompletableFuture.runAsync(() -> {
                terminateOnceReady();
                proxy.delayClientWrites(Duration.ZERO);
            });
            List<SourceRecord> records = pollUntil(task, ROWS);
            task.stop();
            killed.join();

            assertThat(records.stream().map(r -> ((Struct) r.value()).getInt64("id")).distinct().count())
                .as("every row arrives over the later connections").isEqualTo(ROWS);
        }
    }

    /** Kills the first connection of the connector once the server is ready for its first query. */
    private void terminateOnceReady() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            while (Instant.now().isBefore(deadline)) {
                try (ResultSet rs = st.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE application_name LIKE 'kafka-connect-heroku-postgres%' AND state = 'idle'")) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(10);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        throw new AssertionError("the task never connected");
    }

    @Test
    void aRestartedTaskResumesAfterTheCommittedKey() throws Exception {
        createTable("recovery_restart");
        FakeSourceTaskContext context = new FakeSourceTaskContext(Map.of());
        HerokuPostgresSourceTask first = startTask("recovery_restart", context);
        List<SourceRecord> firstRecords = pollUntil(first, 1);
        context.commit(firstRecords);
        first.stop();
        long lastCommitted = ((Struct) firstRecords.get(firstRecords.size() - 1).value()).getInt64("id");

        HerokuPostgresSourceTask second = startTask("recovery_restart", context);
        List<SourceRecord> rest = pollUntil(second, ROWS - firstRecords.size());
        second.stop();

        assertThat(((Struct) rest.get(0).value()).getInt64("id")).isEqualTo(lastCommitted + 1);
        assertThat(rest).hasSize(ROWS - firstRecords.size());
    }

    private void createTable(String table) throws Exception {
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table);
            st.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, v text)");
            st.execute("INSERT INTO " + table + " SELECT g, md5(g::text) FROM generate_series(1, " + ROWS + ") g");
        }
    }

    private HerokuPostgresSourceTask startTask(String table, FakeSourceTaskContext context) {
        return startTask(table, context, Map.of());
    }

    private HerokuPostgresSourceTask startTask(String table, FakeSourceTaskContext context,
                                               Map<String, String> settings) {
        Map<String, String> config = new HashMap<>(pg.connectorConfig());
        config.put("name", "task-recovery");
        config.put("topic.prefix", "recovery");
        config.put("batch.max.rows", "400");
        config.put("poll.interval.ms", "3600000");
        config.put("task.assignment", "public." + table);
        config.put("task.index", "0");
        config.putAll(settings);
        HerokuPostgresSourceTask task = new HerokuPostgresSourceTask();
        task.initialize(context);
        task.start(config);
        return task;
    }

    /** Polls until at least {@code count} records came back (each poll returns at most one batch). */
    private static List<SourceRecord> pollUntil(HerokuPostgresSourceTask task, int count) throws Exception {
        List<SourceRecord> records = new ArrayList<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (records.size() < count && Instant.now().isBefore(deadline)) {
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                records.addAll(batch);
            }
        }
        assertThat(records.size()).as("records polled").isGreaterThanOrEqualTo(count);
        return records;
    }

    private void terminateConnectorBackends() throws Exception {
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                + " WHERE application_name LIKE 'kafka-connect-heroku-postgres%' AND pid <> pg_backend_pid()");
        }
    }
}
