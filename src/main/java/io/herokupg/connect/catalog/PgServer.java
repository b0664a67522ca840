/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Where a server stands: whether it is a hot standby (a Heroku follower), its timeline, its WAL position and when it
 * started. Every function used here is open to any role. Read in the statement that takes a pass's snapshot, so
 * that a stored snapshot can later be checked against the server's history (a failover, a crash that lost
 * commits), and on a follower to wait until it has replayed what its primary's snapshot saw.
 */
public final class PgServer {
    /** Sizes of the WAL page headers (XLogPageHeaderData and the long one that starts a segment), MAXALIGNed. */
    private static final int SHORT_PAGE_HEADER = 24;
    private static final int LONG_PAGE_HEADER = 40;

    private PgServer() {
    }

    /**
     * A server's state.
     *
     * @param inRecovery  whether it is a hot standby ({@code pg_is_in_recovery()})
     * @param timeline    its timeline, read on a primary only (a standby cannot name its WAL files)
     * @param lsn         on a primary, the end of the WAL inserted so far (every commit visible to a snapshot taken
     *                    before it lies below it); on a standby, the end of the WAL it has replayed
     * @param startMicros when the server started ({@code pg_postmaster_start_time()}, µs since the epoch): tells one
     *                    server from another, and is kept across a promotion
     */
    public record State(boolean inRecovery, OptionalInt timeline, long lsn, long startMicros) {
    }

    /**
     * The select-list entries of {@link State}, for a statement of the caller's (which may also take a snapshot):
     * read them back with {@link #read(ResultSet, int)}.
     */
    public static String columns(Connection conn) throws SQLException {
        boolean modern = conn.getMetaData().getDatabaseMajorVersion() >= 10;
        String insert = modern ? "pg_catalog.pg_current_wal_insert_lsn()"
            : "pg_catalog.pg_current_xlog_insert_location()";
        String replay = modern ? "pg_catalog.pg_last_wal_replay_lsn()" : "pg_catalog.pg_last_xlog_replay_location()";
        String walFile = modern ? "pg_catalog.pg_walfile_name" : "pg_catalog.pg_xlogfile_name";
        // CASE evaluates only the branch it takes: a standby cannot run the WAL functions of a primary.
        return "pg_catalog.pg_is_in_recovery(),"
            + " CASE WHEN pg_catalog.pg_is_in_recovery() THEN NULL ELSE " + walFile + "(" + insert + ") END,"
            + " (CASE WHEN pg_catalog.pg_is_in_recovery() THEN " + replay + " ELSE " + insert + " END)::text,"
            + " (extract(epoch FROM pg_catalog.pg_postmaster_start_time()) * 1000000)::int8,"
            + " current_setting('wal_block_size')::int8,"
            + " pg_catalog.pg_size_bytes(current_setting('wal_segment_size'))";
    }

    /**
     * Two select-list entries of a primary: the end of the WAL it has flushed (which is what its followers may
     * receive), as text, and {@code wal_writer_delay} in milliseconds.
     */
    public static String flushColumns(Connection conn) throws SQLException {
        boolean modern = conn.getMetaData().getDatabaseMajorVersion() >= 10;
        return (modern ? "pg_catalog.pg_current_wal_flush_lsn()" : "pg_catalog.pg_current_xlog_flush_location()")
            + "::text, (SELECT s.setting::int8 FROM pg_catalog.pg_settings s WHERE s.name = 'wal_writer_delay')";
    }

    /** The end of the WAL a primary has flushed. */
    public static long flushed(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT " + flushColumns(conn))) {
            rs.next();
            return parseLsn(rs.getString(1));
        }
    }

    /** The state from the six columns {@link #columns} selects, starting at column {@code first}. */
    public static State read(ResultSet rs, int first) throws SQLException {
        boolean inRecovery = rs.getBoolean(first);
        String walFile = rs.getString(first + 1);
        String lsnText = rs.getString(first + 2);
        long start = rs.getLong(first + 3);
        long blockSize = rs.getLong(first + 4);
        long segmentSize = rs.getLong(first + 5);
        long lsn = lsnText == null ? 0 : parseLsn(lsnText);
        if (!inRecovery) {
            lsn = endPointer(lsn, blockSize, segmentSize);
        }
        return new State(inRecovery, walFile == null ? OptionalInt.empty()
            : OptionalInt.of(Integer.parseUnsignedInt(walFile.substring(0, 8), 16)), lsn, start);
    }

    /** The state now, in a statement of its own. */
    public static State now(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT " + columns(conn))) {
            rs.next();
            return read(rs, 1);
        }
    }

    /**
     * The server's system identifier ({@code pg_control_system()}), which a standby shares with its primary; empty if
     * the role may not read it. Runs a statement of its own.
     */
    private static OptionalLong systemIdentifier(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT system_identifier FROM pg_catalog.pg_control_system()")) {
            rs.next();
            return OptionalLong.of(rs.getLong(1));
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                return OptionalLong.empty();
            }
            throw e;
        }
    }

    /**
     * Whether the two servers are known to be different clusters: true only when both system identifiers are readable
     * and differ (a standby and its primary share one). Runs a statement on each connection.
     */
    public static boolean differentSystems(Connection one, Connection other) throws SQLException {
        OptionalLong a = systemIdentifier(one);
        OptionalLong b = systemIdentifier(other);
        return a.isPresent() && b.isPresent() && a.getAsLong() != b.getAsLong();
    }

    /** A WAL position as PostgreSQL prints it ({@code 16/B374D848}), as a number. */
    public static long parseLsn(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("a WAL position is written X/Y; it is \"" + text + "\"");
        }
        return (Long.parseUnsignedLong(text.substring(0, slash), 16) << 32)
            | Long.parseUnsignedLong(text.substring(slash + 1), 16);
    }

    /** A WAL position as PostgreSQL prints it. */
    public static String formatLsn(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase(Locale.ROOT) + "/"
            + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase(Locale.ROOT);
    }

    /**
     * The insert position as the end of the last record. {@code pg_current_wal_insert_lsn()} points where the next
     * record goes, which after a page boundary is past the new page's header, while a standby reports the end of the
     * last record it replayed, which is then the boundary itself: without this, a standby caught up with an idle
     * primary would never reach the position.
     */
    static long endPointer(long insert, long blockSize, long segmentSize) {
        if (segmentSize > 0 && insert % segmentSize == LONG_PAGE_HEADER) {
            return insert - LONG_PAGE_HEADER;
        }
        if (blockSize > 0 && insert % blockSize == SHORT_PAGE_HEADER) {
            return insert - SHORT_PAGE_HEADER;
        }
        return insert;
    }
}
