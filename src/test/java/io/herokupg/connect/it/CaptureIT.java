/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.herokupg.connect.capture.CaptureSql;
import io.herokupg.connect.catalog.TableId;
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
    void schemaChangesKeepWorkingAndANewPrimaryKeyLoadsTheTableAgain() throws Exception {
        pg.execute("DROP TABLE IF EXISTS cap_orders", "CREATE TABLE cap_orders (id int PRIMARY KEY, v text, extra int)",
            "INSERT INTO cap_orders VALUES (1, 'a', 1), (2, 'b', 2)");
        TaskDriver driver = driver("auto").start();
        Map<Object, Object> topic = new HashMap<>();
        compact(topic, driver.pollUntil(r -> r.size() >= 2, TIMEOUT));
        pg.execute("ALTER TABLE cap_orders ADD COLUMN w text", "INSERT INTO cap_orders VALUES (3, 'c', 3, 'w3')",
            "UPDATE cap_orders SET w = 'w1' WHERE id = 1");
        compact(topic, driver.pollUntilQuiet(Duration.ofSeconds(1), TIMEOUT));
        // Rows not changed since keep their last record (without the new column), as in a compacted topic.
        assertThat(topic.keySet()).as("a column added").isEqualTo(table().keySet());
        assertThat(topic.get("1")).isEqualTo(table().get("1"));
        assertThat(topic.get("3")).isEqualTo(table().get("3"));
        pg.execute("ALTER TABLE cap_orders DROP COLUMN extra", "ALTER TABLE cap_orders RENAME COLUMN v TO label",
            "ALTER TABLE cap_orders ALTER COLUMN w TYPE varchar(10)", "UPDATE cap_orders SET w = 'w2' WHERE id = 2",
            "DELETE FROM cap_orders WHERE id = 3");
        compact(topic, driver.pollUntilQuiet(Duration.ofSeconds(1), TIMEOUT));
        assertThat(topic.keySet()).as("a column dropped, one renamed, a type changed").isEqualTo(table().keySet());
        assertThat(topic.get("2")).isEqualTo(table().get("2"));

        pg.execute("ALTER TABLE cap_orders RENAME COLUMN id TO order_id", "UPDATE cap_orders SET w = 'w4'"
            + " WHERE order_id = 1", "INSERT INTO cap_orders VALUES (5, 'e', 'w5')");
        List<SourceRecord> reloaded = driver.pollUntilQuiet(Duration.ofSeconds(2), TIMEOUT);
        compact(topic, reloaded);
        assertThat(reloaded).as("the table loaded again under its new key").extracting(CaptureIT::op).contains("r");
        assertThat(topic).isEqualTo(table());
        pg.execute("DELETE FROM cap_orders WHERE order_id = 2", "UPDATE cap_orders SET label = 'e2' WHERE"
            + " order_id = 5");
        compact(topic, driver.pollUntilQuiet(Duration.ofSeconds(1), TIMEOUT));
        assertThat(topic).as("captured under the new key, its triggers installed again").isEqualTo(table());
        driver.stop();
    }

    @Test
    void withMarkersADeleteIsAMarkerThenATombstone() throws Exception {
        pg.execute("DROP TABLE IF EXISTS cap_orders", "CREATE TABLE cap_orders (id int PRIMARY KEY, v text)",
            "INSERT INTO cap_orders VALUES (1, 'a')");
        TaskDriver driver = driver("auto").set("capture.delete.handling", "marker+tombstone").start();
        driver.pollUntil(r -> r.size() >= 1, TIMEOUT);
        pg.execute("DELETE FROM cap_orders WHERE id = 1");
        List<SourceRecord> deleted = driver.pollUntil(r -> r.size() >= 2, TIMEOUT);
        driver.stop();
        assertThat(deleted).extracting(CaptureIT::op).containsExactly("d", "d");
        Struct marker = (Struct) deleted.get(0).value();
        assertThat(marker.get("id")).isEqualTo(1);
        assertThat(marker.get("v")).isNull();
        assertThat(deleted.get(1).value()).isNull();
        assertThat(deleted.get(1).key()).isEqualTo(deleted.get(0).key());

        pg.execute("ALTER TABLE cap_orders ALTER COLUMN v SET NOT NULL");
        TaskDriver again = driver("auto").set("capture.delete.handling", "marker+tombstone").start();
        assertThatThrownBy(again::poll).as("a marker cannot leave a NOT NULL column null")
            .hasMessageContaining("capture.delete.handling=marker+tombstone").hasMessageContaining("[v] are NOT NULL");
        again.stop();
    }

    @Test
    void captureDroppedAndInstalledAgainLoadsTheTableAgain() throws Exception {
        pg.execute("DROP TABLE IF EXISTS cap_orders", "CREATE TABLE cap_orders (id int PRIMARY KEY, v text)",
            "INSERT INTO cap_orders VALUES (1, 'a'), (2, 'b')");
        TaskDriver driver = driver("auto").start();
        Map<Object, Object> topic = new HashMap<>();
        compact(topic, driver.pollUntil(r -> r.size() >= 2, TIMEOUT));
        driver.stop();
        CaptureSql sql = new CaptureSql(SCHEMA);
        pg.execute(sql.uninstallTable(new TableId("public", "cap_orders")).toArray(String[]::new));
        pg.execute("UPDATE cap_orders SET v = 'b2' WHERE id = 2", "INSERT INTO cap_orders VALUES (3, 'c')",
            "DELETE FROM cap_orders WHERE id = 1");
        List<SourceRecord> reloaded = driver.start().pollUntilQuiet(Duration.ofSeconds(1), TIMEOUT);
        driver.stop();
        compact(topic, reloaded);
        assertThat(reloaded).as("the table loaded again").extracting(CaptureIT::op).containsOnly("r");
        Map<Object, Object> expected = table();
        expected.put("1", Map.of("id", "1", "v", "a"));
        assertThat(topic).as("every row as it is; the row deleted while capture was missing keeps its last record")
            .isEqualTo(expected);
    }

    @Test
    void theLogIsPrunedOnceConnectHasCommitted() throws Exception {
        pg.execute("DROP TABLE IF EXISTS cap_orders", "CREATE TABLE cap_orders (id int PRIMARY KEY, v text)");
        TaskDriver driver = driver("auto").start();
        driver.pollFor(Duration.ofMillis(500));
        pg.execute("INSERT INTO cap_orders SELECT g, 'x' FROM generate_series(1, 100) g");
        List<SourceRecord> emitted = driver.pollUntil(r -> r.size() >= 100, TIMEOUT);
        emitted.addAll(driver.pollFor(Duration.ofMillis(300)));
        assertThat(logEntries()).as("not committed yet: kept (with the entry of the install)").isEqualTo(101);
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

    /**
     * Applies records to a compacted topic's view: by the key's (first field's) value, the latest value's fields as
     * text, a tombstone removing the key.
     */
    static void compact(Map<Object, Object> topic, List<SourceRecord> records) {
        for (SourceRecord record : records) {
            Struct key = (Struct) record.key();
            Object id = String.valueOf(key.get(key.schema().fields().get(0)));
            if (record.value() == null) {
                topic.remove(id);
            } else {
                Struct value = (Struct) record.value();
                Map<String, String> fields = new TreeMap<>();
                value.schema().fields().forEach(f -> fields.put(f.name(), String.valueOf(value.get(f))));
                topic.put(id, fields);
            }
        }
    }

    /** The table as {@link #compact} sees a topic: by the first column's value, every column as text. */
    private Map<Object, Object> table() throws SQLException {
        Map<Object, Object> rows = new HashMap<>();
        try (Connection conn = pg.connect(); Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM cap_orders")) {
            while (rs.next()) {
                Map<String, String> fields = new TreeMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    fields.put(rs.getMetaData().getColumnName(i), String.valueOf(rs.getObject(i)));
                }
                rows.put(rs.getString(1), fields);
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
