/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads the start time of the transactions running in the database ({@code pg_stat_activity}), which bounds the
 * replication keys that transactions still to commit can write ({@code now()} is the transaction's start).
 */
public final class PgActivity {
    /** Application name prefix of the connector's own (read-only) connections, which never write. */
    public static final String OWN_APPLICATION_NAME = "kafka-connect-heroku-postgres";

    // Times are microseconds since the epoch on the server's clock. Other databases' transactions cannot write our
    // tables, and ours are read-only; background processes (autovacuum…) write no user rows.
    private static final String SQL = """
        SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::int8,
               (extract(epoch FROM min(a.xact_start)) * 1000000)::int8,
               count(*) FILTER (WHERE a.xact_start IS NULL AND a.query = '<insufficient privilege>'),
               (array_agg(a.pid ORDER BY a.xact_start) FILTER (WHERE a.xact_start IS NOT NULL))[1]
        FROM pg_catalog.pg_stat_activity a
        WHERE a.datname = current_database() AND a.pid <> pg_catalog.pg_backend_pid()
          AND coalesce(a.application_name, '') NOT LIKE '%s%%'
          %s
        """;

    // The backend status is read once per transaction, at its first use: after whatever the transaction did before.
    private static final String WITHOUT_SUBTRANSACTIONS = """
        SELECT a.backend_xid::text::int8
        FROM pg_catalog.pg_stat_get_backend_idset() b
        JOIN pg_catalog.pg_stat_activity a ON a.pid = pg_catalog.pg_stat_get_backend_pid(b)
        CROSS JOIN LATERAL pg_catalog.pg_stat_get_backend_subxact(b) s
        WHERE a.backend_xid IS NOT NULL AND s.subxact_count = 0 AND NOT s.subxact_overflowed
        """;

    private PgActivity() {
    }

    /**
     * The (32-bit) ids of the running transactions that have no subtransaction (none with an id, that did not abort),
     * in any database; empty before PostgreSQL 16, which cannot tell. A transaction not listed may have some.
     */
    public static Optional<Set<Long>> withoutSubtransactions(Connection conn) throws SQLException {
        if (conn.getMetaData().getDatabaseMajorVersion() < 16) {
            return Optional.empty();
        }
        Set<Long> ids = new HashSet<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(WITHOUT_SUBTRANSACTIONS)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return Optional.of(ids);
    }

    /**
     * Of the given running transactions (64-bit ids), the oldest that may have subtransactions, whose ids a snapshot
     * does not list: any of them before PostgreSQL 16, which cannot tell. Read right after the snapshot was taken,
     * in its transaction.
     */
    public static OptionalLong oldestWithSubtransactions(Connection conn, List<Long> running) throws SQLException {
        if (running.isEmpty()) {
            return OptionalLong.empty();
        }
        Optional<Set<Long>> without = withoutSubtransactions(conn);
        return running.stream()
            .filter(id -> without.map(ids -> !ids.contains(id & 0xFFFFFFFFL)).orElse(true))
            .mapToLong(Long::longValue)
            .min();
    }

    /**
     * What was running when it was read.
     *
     * @param nowMicros       the server's clock when it was read
     * @param oldestStart     the start of the oldest transaction then running, if any
     * @param oldestPid       the backend running that transaction, or 0
     * @param hiddenBackends  how many backends of other users the connected user may not see (no
     *                        {@code pg_read_all_stats}), whose transactions therefore cannot be accounted for
     */
    public record Transactions(long nowMicros, OptionalLong oldestStart, int oldestPid, int hiddenBackends) {
        /** No transaction running now started before this time. */
        public long horizonMicros() {
            return oldestStart.isPresent() ? Math.min(oldestStart.getAsLong(), nowMicros) : nowMicros;
        }
    }

    /** Reads the running transactions; in autocommit mode, so that the activity is current. */
    public static Transactions running(Connection conn) throws SQLException {
        boolean clientBackendsOnly = conn.getMetaData().getDatabaseMajorVersion() >= 10;
        String sql = SQL.formatted(OWN_APPLICATION_NAME,
            clientBackendsOnly ? "AND a.backend_type = 'client backend'" : "");
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            long now = rs.getLong(1);
            long oldest = rs.getLong(2);
            OptionalLong start = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(oldest);
            return new Transactions(now, start, rs.getInt(4), rs.getInt(3));
        }
    }
}
