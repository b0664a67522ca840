/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads what runs in the database: the transactions that may still commit rows ({@code pg_locks}, which every role
 * may read, joined to {@code pg_stat_activity} for their start time where the role may see it), and which running
 * transactions may have subtransactions. The start times bound the replication keys that transactions still to
 * commit can write ({@code now()} is the transaction's start).
 */
public final class PgActivity {
    /** Application name prefix of the connector's own (read-only) connections, which never write. */
    public static final String OWN_APPLICATION_NAME = "kafka-connect-heroku-postgres";

    /**
     * One row per transaction running in this database, and the statement's start time (in autocommit mode: before
     * pg_locks was read), even when none runs. Every transaction holds the lock on its own virtual transaction id
     * from its first statement to its end ({@code pg_locks} shows it to any role, fast-path locks included), whether
     * or not it has a transaction id yet, so a transaction that read before it writes (and took {@code now()} then)
     * is seen too. {@code xact_start} is visible only for the role's own sessions, or with
     * {@code pg_read_all_stats}; NULL otherwise. Left out: the connector's own sessions (read-only), other
     * databases' transactions (they cannot write our tables), and vacuums, which write no rows (their pid is in
     * {@code pg_stat_progress_vacuum} for any role). Prepared transactions (two-phase) have no session: counted.
     * Sessions are looked up only for the transactions found (the functions under the views, without their joins):
     * an idle database costs a scan of the lock table and little else.
     */
    private static final String SQL = """
        SELECT (extract(epoch FROM now()) * 1000000)::int8,
               (extract(epoch FROM pg_catalog.pg_postmaster_start_time()) * 1000000)::int8,
               (SELECT count(*) FROM pg_catalog.pg_prepared_xact() p WHERE p.dbid = d.oid),
               d.shape, r.virtualxid, r.pid, r.xact_start
        FROM (SELECT oid, %s AS shape FROM pg_catalog.pg_database WHERE datname = current_database()) d
        LEFT JOIN LATERAL (
            SELECT l.virtualxid, l.pid, (extract(epoch FROM a.xact_start) * 1000000)::int8 AS xact_start
            FROM pg_catalog.pg_locks l
            CROSS JOIN LATERAL pg_catalog.pg_stat_get_activity(l.pid) a
            WHERE l.locktype = 'virtualxid' AND l.virtualxid = l.virtualtransaction AND l.granted
              AND l.pid <> pg_catalog.pg_backend_pid() AND a.datid = d.oid
              AND coalesce(a.application_name, '') NOT LIKE '%s%%'
              %s
              AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_stat_get_progress_info('VACUUM') v WHERE v.pid = l.pid)
        ) r ON true
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
     * A transaction running in the database.
     *
     * @param vxid        its virtual transaction id ({@code backend/local}), unique while the server runs
     * @param pid         its backend
     * @param startMicros its start ({@code xact_start}, µs since the epoch), if the connected role may see it
     */
    public record Running(String vxid, int pid, OptionalLong startMicros) {
    }

    /**
     * What was running when it was read.
     *
     * @param nowMicros    the server's clock at the start of the statement that read it (before it looked)
     * @param serverMicros when the server started: tells servers apart (virtual transaction ids restart with it)
     * @param running      the transactions running in this database, but the connector's own and vacuums
     * @param prepared     prepared (two-phase) transactions of this database waiting for COMMIT PREPARED
     * @param shape        the fingerprint ({@link PgTableShape}) of a table asked for with it, if it exists
     */
    public record Activity(long nowMicros, long serverMicros, List<Running> running, int prepared,
                           Optional<String> shape) {
        public Activity {
            running = List.copyOf(running);
        }

        /** What ran, without a table's shape. */
        public Activity(long nowMicros, long serverMicros, List<Running> running, int prepared) {
            this(nowMicros, serverMicros, running, prepared, Optional.empty());
        }
    }

    /**
     * What the last pass found holding its re-read bound back, for metrics and logs.
     *
     * @param nowMicros   the server's clock when it was read
     * @param oldestStart the earliest start of a running transaction (its start, or the bound known for it)
     * @param oldestPid   the backend running that transaction, or 0
     */
    public record Transactions(long nowMicros, OptionalLong oldestStart, int oldestPid) {
    }

    /** Reads the running transactions; in autocommit mode, so that the activity is current. */
    public static Activity read(Connection conn) throws SQLException {
        return read(conn, Optional.empty());
    }

    /**
     * Reads the running transactions, and with them (in the same round trip, just before) the fingerprint of a
     * table's shape; in autocommit mode.
     */
    public static Activity read(Connection conn, Optional<TableId> shapeOf) throws SQLException {
        boolean backendTypes = conn.getMetaData().getDatabaseMajorVersion() >= 10;
        // Where the role may see it: autovacuum and replication senders write no rows of ours.
        String sql = SQL.formatted(PgTableShape.subquery(), OWN_APPLICATION_NAME, backendTypes
            ? "AND coalesce(a.backend_type, '') NOT IN ('autovacuum worker', 'autovacuum launcher', 'walsender')" : "");
        // Prepared: run at every pass, its plan is kept by the server after a few (PgJDBC's prepareThreshold).
        try (PreparedStatement st = conn.prepareStatement(sql)) {
            st.setString(1, shapeOf.map(TableId::schema).orElse(null));
            st.setString(2, shapeOf.map(TableId::table).orElse(null));
            try (ResultSet rs = st.executeQuery()) {
                return activity(rs);
            }
        }
    }

    private static Activity activity(ResultSet rs) throws SQLException {
        long now = 0;
        long server = 0;
        int prepared = 0;
        Optional<String> shape = Optional.empty();
        List<Running> running = new ArrayList<>();
        while (rs.next()) {
            now = rs.getLong(1);
            server = rs.getLong(2);
            prepared = rs.getInt(3);
            shape = Optional.ofNullable(rs.getString(4));
            String vxid = rs.getString(5);
            if (vxid != null) {
                int pid = rs.getInt(6);
                long start = rs.getLong(7);
                running.add(new Running(vxid, pid, rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(start)));
            }
        }
        return new Activity(now, server, running, prepared, shape);
    }
}
