/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.catalog.TableId;

/** The transactions passes read in: one snapshot for a whole pass (or what is left of it after an interruption). */
final class PassTransactions {
    private static final Logger LOG = LoggerFactory.getLogger(PassTransactions.class);

    private PassTransactions() {
    }

    /** A transaction's snapshot as {@code txid_current_snapshot()} prints it, and the server time (µs) just after. */
    record Snapshot(String text, long micros) {
    }

    /** Begins a {@code REPEATABLE READ READ ONLY} transaction: every query of it sees one snapshot. */
    static void beginReadOnly(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        }
    }

    /** The snapshot of the connection's transaction (taken now, if its first query). */
    static Snapshot snapshot(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT txid_current_snapshot()::text,"
                 + " (extract(epoch FROM clock_timestamp()) * 1000000)::int8")) {
            rs.next();
            return new Snapshot(rs.getString(1), rs.getLong(2));
        }
    }

    /** The xmax of the snapshot of the connection's transaction. */
    static long xmax(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT txid_snapshot_xmax(txid_current_snapshot())")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Ends a pass's read-only transaction once every row was read: that cannot change what was emitted, so a failure
     * (a broken connection, which the next read finds and retries) is only logged.
     */
    static void end(Connection connection, TableId table) {
        try {
            connection.commit();
        } catch (SQLException e) {
            LOG.warn("Table {}: ending the pass's read-only transaction failed: {}", table, e.getMessage());
        }
    }
}
