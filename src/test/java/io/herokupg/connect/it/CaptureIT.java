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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.herokupg.connect.capture.CaptureSql;
import io.herokupg.connect.testing.LogCapture;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;
import io.herokupg.connect.testing.TaskDriver;

/**
 * CAPTURE through one task on a real server: the first pass loads the table (op {@code r}); then inserts, updates,
 * deletes (tombstones), key moves and a TRUNCATE arrive with their operation and transaction id, and the topic's
 * compacted view equals the table; a pass begun while a TRUNCATE holds its lock takes no row for deleted; the capture
 * log is pruned once Connect has committed; a table without capture fails with the SQL to install it.
 */
class CaptureIT {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String SCHEMA = "capture_method_it";
    private final PostgresFixture pg = SharedServices.postgres();

    @AfterEach
    void dropAll() throws SQLException {
        pg.execute(new CaptureSql(SCHEMA).uninstall(), "DROP TABLE IF EXISTS cap_orders");
    }

    private TaskDriver driver(String setup) {
        return new TaskDriver(pg, "public.cap_orders", Map.of("replication.method", "CAPTURE", "capture.setup", setup,
            "capture.schema", SCHEMA, "poll.interval.ms", "50"));
    }

    @Test
    void insertsUpdatesDeletesKeyMovesAndATruncateArriveAndTheCompactedTopicEqualsTheTable() throws Exception {
        pg.execute("DROP TABLE IF EXISTS cap_orders", "CREATE TABLE cap_orders (id int PRIMARY KEY, v text)",
            "INSERT INTO cap_orders VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        TaskDriver driver = driver("auto").start();
        List<SourceRecord> loaded = driver.pollUntil(r -> r.size() >= 3, TIMEOUT);
        assertThat(loaded).extracting(CaptureIT::op).containsOnly("r");
        Map<Object, Object> topic = new HashMap<>();
        compact(topic, loaded);

        pg.execute("INSERT INTO cap_orders VALUES (4, 'd')", "UPDATE cap_orders SET v = 'b2' WHERE id = 2",
            "DELETE FROM cap_orders WHERE id = 3", "UPDATE cap_orders SET id = 10 WHERE id = 1");
        List<SourceRecord> changes = driver.pollUntilQuiet(Duration.ofSeconds(1), TIMEOUT);
        compact(topic, changes);
        assertThat(changes).extracting(r -> id(r) + ":" + op(r))
            .containsExactlyInAnyOrder("4:c", "2:u", "3:d", "1:d", "10:c");
        assertThat(changes).filteredOn(r -> op(r).equals("d")).allSatisfy(r -> {
            assertThat(r.value()).isNull();
            assertThat(r.valueSchema()).isNull();
        });
        assertThat(changes).allSatisfy(r -> assertThat(r.headers().lastWithName("txid").value()).isInstanceOf(
            Long.class));
        assertThat(topic).isEqualTo(table());

        pg.execute("TRUNCATE cap_orders", "INSERT INTO cap_orders VALUES (20, 'after the truncate')");
        List<SourceRecord> truncated = driver.pollUntilQuiet(Duration.ofSeconds(1), TIMEOUT);
        compact(topic, truncated);
        assertThat(truncated).extracting(r -> id(r) + ":" + op(r))
            .containsExactlyInAnyOrder("2:t", "4:t", "10:t", "20:c");
        assertThat(topic).isEqualTo(table());
        driver.stop();
    }

    /**
     * TRUNCATE is not MVCC-safe: a transaction whose snapshot was taken before one committed finds the table empty.
     * A pass that begins while a TRUNCATE holds its lock reads once it has committed: it must not take the rows its
     * snapshot saw (key 2, changed since the last pass) for deleted; each key gets its TRUNCATE's tombstone only.
     */
    @Test
    void aPassBegunWhileATruncateHoldsItsLockGivesEachKeyOnlyItsTruncateTombstone() throws Exception {
        pg.execute("DROP TABLE IF EXISTS cap_orders", "CREATE TABLE cap_orders (id int PRIMARY KEY, v text)",
            "INSERT INTO cap_orders VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        TaskDriver driver = driver("auto").start();
        driver.pollUntil(r -> r.size() >= 3, TIMEOUT);
        driver.pollFor(Duration.ofMillis(300));
        // No pass runs between two polls of the driver.
        pg.execute("UPDATE cap_orders SET v = 'b2' WHERE id = 2");
        List<SourceRecord> records;
        try (Connection truncating = pg.connect(); Statement st = truncating.createStatement()) {
            truncating.setAutoCommit(false);
            st.execute("TRUNCATE cap_orders");
            Thread committer = new Thread(() -> {
                try {
                    Thread.sleep(1_000);
                    truncating.commit();
                } catch (InterruptedException | SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            committer.start();
            records = driver.pollUntilQuiet(Duration.ofSeconds(1), TIMEOUT);
            committer.join();
        }
        driver.stop();
        assertThat(records).extracting(r -> id(r) + ":" + op(r)).containsExactlyInAnyOrder("1:t", "2:t", "3:t");
    }

    @Test
    void theLogIsPrunedOnceConnectHasCommitted() throws Exception {
        pg.execute("DROP TABLE IF EXISTS cap_orders", "CREATE TABLE cap_orders (id int PRIMARY KEY, v text)");
        TaskDriver driver = driver("auto").start();
        driver.pollFor(Duration.ofMillis(500));
        pg.execute("INSERT INTO cap_orders SELECT g, 'x' FROM generate_series(1, 100) g");
        List<SourceRecord> emitted = driver.pollUntil(r -> r.size() >= 100, TIMEOUT);
        emitted.addAll(driver.pollFor(Duration.ofMillis(300)));
        assertThat(logEntries()).as("not committed yet: kept").isEqualTo(100);
        driver.commit(emitted);
        driver.pollFor(Duration.ofMillis(500));
        assertThat(logEntries()).as("committed: pruned before the next pass").isZero();
        driver.stop();
    }

    @Test
    void aTableWithoutCaptureFailsWithTheSqlThatInstallsIt() throws Exception {
        pg.execute("DROP TABLE IF EXISTS cap_orders", "CREATE TABLE cap_orders (id int PRIMARY KEY, v text)");
        try (LogCapture logs = LogCapture.begin()) {
            TaskDriver driver = driver("manual").start();
            driver.pollFor(Duration.ofMillis(500));
            driver.stop();
            assertThat(logs.text()).contains("public.cap_orders", "its changes are not captured",
                "CREATE TRIGGER \"herokupg_capture\" AFTER INSERT OR UPDATE OR DELETE ON \"public\".\"cap_orders\"");
        }
        assertThat(count("SELECT count(*) FROM pg_namespace WHERE nspname = '" + SCHEMA + "'"))
            .as("manual setup changes nothing").isZero();
    }

    static String op(SourceRecord record) {
        Header header = record.headers().lastWithName("op");
        return header == null ? null : (String) header.value();
    }

    private static Object id(SourceRecord record) {
        return ((Struct) record.key()).get("id");
    }

    /** Applies records to a compacted topic's view: the latest value per key, a tombstone removing the key. */
    static void compact(Map<Object, Object> topic, List<SourceRecord> records) {
        for (SourceRecord record : records) {
            Object key = ((Struct) record.key()).get("id");
            if (record.value() == null) {
                topic.remove(key);
            } else {
                topic.put(key, ((Struct) record.value()).get("v"));
            }
        }
    }

    private Map<Object, Object> table() throws SQLException {
        Map<Object, Object> rows = new HashMap<>();
        try (Connection conn = pg.connect(); Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, v FROM cap_orders")) {
            while (rs.next()) {
                rows.put(rs.getInt(1), rs.getString(2));
            }
        }
        return rows;
    }

    private long logEntries() throws SQLException {
        return count("SELECT count(*) FROM " + new CaptureSql(SCHEMA).log());
    }

    private long count(String sql) throws SQLException {
        try (Connection conn = pg.connect(); Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
