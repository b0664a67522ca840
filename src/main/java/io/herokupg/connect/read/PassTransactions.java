/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.catalog.PgServer;
import io.herokupg.connect.catalog.TableId;

/** The transactions passes read in: one snapshot for a whole pass (or what is left of it after an interruption). */
final class PassTransactions {
    private static final Logger LOG = LoggerFactory.getLogger(PassTransactions.class);

    private PassTransactions() {
    }

    /**
     * A transaction's snapshot as {@code txid_current_snapshot()} prints it, the server time (µs) just after, the
     * snapshot's xmax, and where the server stood just after (when asked for).
     */
    record Snapshot(String text, long micros, long xmax, PgServer.State server) {
    }

    /**
     * Begins a {@code REPEATABLE READ READ ONLY} transaction, whose every query sees one snapshot, and returns that
     * snapshot: one round trip. The transaction runs without {@code statement_timeout}, since a pass's COPY lasts as
     * long as its records take to be consumed; the session's value bounds its lock waits instead
     * ({@code lock_timeout}), so that a pass queued behind a migration's lock gives up.
     */
    static Snapshot begin(Connection connection) throws SQLException {
        return begin(connection, false);
    }

    /**
     * {@link #begin(Connection)}, also reading where the server stands ({@link PgServer}), in the same round trip:
     * after the snapshot, so that the WAL position bounds every commit it saw.
     */
    static Snapshot begin(Connection connection, boolean withServer) throws SQLException {
        return begin(connection, withServer, Optional.empty());
    }

    /**
     * {@link #begin(Connection, boolean)}, having first locked a table when one is given ({@code ACCESS SHARE}, as
     * its reads would; {@code LOCK} takes no snapshot): a TRUNCATE, which is not MVCC-safe (a snapshot taken before
     * it committed finds the table empty), then either committed before the snapshot or waits for the transaction.
     */
    static Snapshot begin(Connection connection, boolean withServer, Optional<String> lockFirst) throws SQLException {
        connection.setAutoCommit(false);
        String server = withServer ? ", " + PgServer.columns(connection) : "";
        String lock = lockFirst.map(table -> " LOCK TABLE " + table + " IN ACCESS SHARE MODE;").orElse("");
        try (Statement st = connection.createStatement()) {
            boolean resultSet = st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY;" + lock
                + " SELECT txid_current_snapshot()::text, (extract(epoch FROM clock_timestamp()) * 1000000)::int8,"
                + " txid_snapshot_xmax(txid_current_snapshot()),"
                + " set_config('lock_timeout', current_setting('statement_timeout'), true),"
                + " set_config('statement_timeout', '0', true)" + server);
            while (!resultSet) {
                if (st.getUpdateCount() == -1) {
                    throw new SQLException("beginning a pass's transaction returned no snapshot", "XX000");
                }
                resultSet = st.getMoreResults();
            }
            try (ResultSet rs = st.getResultSet()) {
                rs.next();
                return new Snapshot(rs.getString(1), rs.getLong(2), rs.getLong(3),
                    withServer ? PgServer.read(rs, 6) : null);
            }
        }
    }

    /** The first column of the first row a query returns, as text; empty when it returns no row (or NULL). */
    static Optional<String> text(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
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
