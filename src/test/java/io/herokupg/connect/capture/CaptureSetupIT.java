/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.testing.PostgresFixture;
import io.herokupg.connect.testing.SharedServices;

/**
 * Change capture's setup on a real server, installed by the database's owner (no superuser), as on Heroku: the
 * triggers log each committed change's operation, key and transaction, nothing of a rollback, and an update that moves
 * the key as a delete and an insert; a write never fails because of capture, even after the key column was renamed;
 * uninstalling leaves no object behind.
 */
class CaptureSetupIT {
    private static final String SCHEMA = "capture_it";
    private static final TableId ORDERS = new TableId("public", "capture_orders");
    private final PostgresFixture pg = SharedServices.postgres();
    private final CaptureSql sql = new CaptureSql(SCHEMA);

    @AfterEach
    void dropAll() throws SQLException {
        pg.execute(sql.uninstall(), "DROP TABLE IF EXISTS capture_orders");
    }

    private void install() throws SQLException {
        pg.execute("DROP TABLE IF EXISTS capture_orders", "CREATE TABLE capture_orders (id bigint, region text,"
            + " note text, PRIMARY KEY (region, id))");
        List<String> statements = new ArrayList<>(sql.installLog(Optional.empty()));
        statements.addAll(sql.installTable(ORDERS, List.of("region", "id")));
        pg.execute(statements.toArray(String[]::new));
    }

    @Test
    void eachCommittedChangeIsLoggedWithItsKeyAndTransaction() throws Exception {
        install();
        long writer;
        try (Connection conn = pg.connect(); Statement st = conn.createStatement()) {
            conn.setAutoCommit(false);
            st.execute("INSERT INTO capture_orders VALUES (1, 'eu', 'a'), (2, 'us', 'b')");
            st.execute("SAVEPOINT s");
            st.execute("INSERT INTO capture_orders VALUES (3, 'eu', 'rolled back to the savepoint')");
            st.execute("ROLLBACK TO SAVEPOINT s");
            st.execute("UPDATE capture_orders SET note = 'c' WHERE id = 1");
            st.execute("UPDATE capture_orders SET id = 20 WHERE id = 2");
            st.execute("DELETE FROM capture_orders WHERE id = 1");
            writer = txid(st);
            conn.commit();
            st.execute("INSERT INTO capture_orders VALUES (9, 'eu', 'rolled back')");
            conn.rollback();
        }
        List<String> entries = entries();
        assertThat(entries).extracting(e -> e.substring(0, e.lastIndexOf(' '))).containsExactly(
            "I {\"id\": 1, \"region\": \"eu\"}",
            "I {\"id\": 2, \"region\": \"us\"}",
            "U {\"id\": 1, \"region\": \"eu\"}",
            "D {\"id\": 2, \"region\": \"us\"}",
            "I {\"id\": 20, \"region\": \"us\"}",
            "D {\"id\": 1, \"region\": \"eu\"}");
        List<Long> xids = entries.stream().map(e -> Long.parseLong(e.substring(e.lastIndexOf(' ') + 1))).toList();
        assertThat(xids.subList(0, 2)).as("written by the transaction itself").containsOnly(writer);
        assertThat(xids.subList(2, 6)).as("written after the savepoint: by a subtransaction of the writer, whose id is"
            + " above the writer's (the fence's watermark is for these)").hasSameElementsAs(List.of(xids.get(2)));
        assertThat(xids.get(2)).isGreaterThan(writer);

        pg.execute("INSERT INTO capture_orders VALUES (5, 'eu', 'x')", "TRUNCATE capture_orders");
        List<String> all = entries();
        assertThat(all.subList(all.size() - 2, all.size())).as("a TRUNCATE logs each row it removes")
            .containsExactlyInAnyOrder("T {\"id\": 5, \"region\": \"eu\"} " + lastXid(),
                "T {\"id\": 20, \"region\": \"us\"} " + lastXid());
    }

    @Test
    void aWriteNeverFailsBecauseOfCaptureEvenAfterTheKeyColumnIsRenamed() throws Exception {
        install();
        pg.execute("ALTER TABLE capture_orders RENAME COLUMN id TO order_id",
            "INSERT INTO capture_orders VALUES (5, 'eu', 'after the rename')");
        assertThat(entries()).as("the whole row, where the key's column is missing").singleElement().asString()
            .startsWith("I {\"note\": \"after the rename\", \"region\": \"eu\", \"order_id\": 5} ");
    }

    @Test
    void uninstallingLeavesNoObjectBehind() throws Exception {
        install();
        pg.execute(sql.uninstallTable(ORDERS).toArray(String[]::new));
        assertThat(count("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'capture_orders'::regclass")).isZero();
        pg.execute("INSERT INTO capture_orders VALUES (7, 'eu', 'not captured')");
        assertThat(entries()).isEmpty();

        pg.execute(sql.installTable(ORDERS, List.of("region", "id")).toArray(String[]::new));
        // Other tests' capture schemas share the server: this schema's objects are found by its OID.
        long schema = count("SELECT oid FROM pg_namespace WHERE nspname = '" + SCHEMA + "'");
        assertThat(count("SELECT count(*) FROM pg_proc WHERE pronamespace = " + schema)).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM pg_class WHERE relnamespace = " + schema)).isEqualTo(2);
        pg.execute(sql.uninstall());
        assertThat(count("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'capture_orders'::regclass"))
            .as("the triggers go with the function they depend on").isZero();
        assertThat(count("SELECT count(*) FROM pg_namespace WHERE nspname = '" + SCHEMA + "'")).isZero();
        assertThat(count("SELECT count(*) FROM pg_proc WHERE pronamespace = " + schema)).isZero();
        assertThat(count("SELECT count(*) FROM pg_class WHERE relnamespace = " + schema)).isZero();
        pg.execute("INSERT INTO capture_orders VALUES (8, 'eu', 'a write after uninstall')");
    }

    @Test
    void installingAgainIsHarmlessAndEachInstallIsLogged() throws Exception {
        install();
        install();
        pg.execute("INSERT INTO capture_orders VALUES (1, 'eu', 'once')");
        assertThat(entries()).hasSize(1);
        assertThat(count("SELECT count(*) FROM " + sql.log() + " WHERE op = 'R'")).as("where capture (re)starts")
            .isEqualTo(2);
    }

    private String lastXid() throws SQLException {
        List<String> entries = entries();
        String last = entries.get(entries.size() - 1);
        return last.substring(last.lastIndexOf(' ') + 1);
    }

    private static long txid(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT txid_current()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The log's entries of changes in the order written: operation, key, and the writing transaction's 32-bit id
     * (not the {@code R} entry an install writes).
     */
    private List<String> entries() throws SQLException {
        List<String> entries = new ArrayList<>();
        try (Connection conn = pg.connect(); Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT op, key, xmin::text FROM " + sql.log()
                 + " WHERE op <> 'R' ORDER BY ctid")) {
            while (rs.next()) {
                entries.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
            }
        }
        return entries;
    }

    private long count(String query) throws SQLException {
        try (Connection conn = pg.connect(); Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
