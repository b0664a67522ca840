/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.batch.Batch;
import io.herokupg.connect.capture.CaptureSql;
import io.herokupg.connect.catalog.Identifiers;
import io.herokupg.connect.catalog.PgCapture;
import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.catalog.TableInfo;
import io.herokupg.connect.config.CaptureSettings;
import io.herokupg.connect.offset.ChangeOffset;
import io.herokupg.connect.offset.Snapshots;
import io.herokupg.connect.offset.TableOffset;
import io.herokupg.connect.read.plan.CaptureQuery;
import io.herokupg.connect.read.plan.Sql;

/**
 * A task's side of the capture log (docs/capture.md): before each CAPTURE pass, checks that the table's changes are
 * captured (with {@code capture.setup=auto}, installs capture), deletes the entries the table's committed position
 * no longer needs, and reads how many are left and how old the oldest is (a WARN past
 * {@code capture.log.warn.age.ms}). Writes go to the primary, also when the rows are read from a follower.
 */
public final class CaptureLogs {
    private static final Logger LOG = LoggerFactory.getLogger(CaptureLogs.class);

    private final CaptureSettings settings;
    private final CaptureSql sql;
    /** The positions Connect has committed, by table: what pruning may rely on. */
    private final Map<TableId, ChangeOffset> committed = new ConcurrentHashMap<>();
    /** The fence each table was last pruned up to. */
    private final Map<TableId, String> pruned = new ConcurrentHashMap<>();
    private final Set<TableId> warned = ConcurrentHashMap.newKeySet();

    public CaptureLogs(CaptureSettings settings) {
        this.settings = settings;
        this.sql = new CaptureSql(settings.schema());
    }

    CaptureSettings settings() {
        return settings;
    }

    String log() {
        return sql.log();
    }

    /** Connect has committed this position of the table (the task reads it back from the offset storage). */
    public void committed(TableId table, TableOffset offset) {
        if (offset instanceof ChangeOffset change && ChangeOffset.CAPTURE.equals(change.method())) {
            committed.put(table, change);
        }
    }

    /**
     * Before a pass of the table: checks its capture (installs it when {@code capture.setup=auto}), prunes, and
     * returns the log's state.
     *
     * @throws SQLException SQLSTATE 42704 when the table's changes are not captured (the message gives the SQL)
     */
    Batch.CaptureLog prepare(Connection read, PassSnapshots snapshots, TableInfo table) throws SQLException {
        read.setAutoCommit(true);
        PgCapture.Status status = PgCapture.read(read, settings.schema(), CaptureSql.LOG, CaptureSql.FUNCTION,
            table.relid(), List.of(CaptureSql.ROW_TRIGGER, CaptureSql.TRUNCATE_TRIGGER));
        boolean install = !status.captures(table.primaryKey());
        if (install && settings.setup() != CaptureSettings.Setup.AUTO) {
            throw new SQLException("Table " + table.id() + ": its changes are not captured"
                + (status.log() ? " (no capture triggers for its primary key " + table.primaryKey() + ")" : "")
                + ". Run, as the table's owner:\n" + installSql(table) + "\n(capture.setup=manual; with"
                + " capture.setup=auto the connector installs it)", "42704");
        }
        // One visit to the primary (a follower's is borrowed) for both writes.
        return snapshots.onPrimary(read, conn -> {
            if (install) {
                install(conn, table);
            }
            return prune(conn, table);
        });
    }

    /** The SQL that installs capture for the table, as validation and the error above give it. */
    public String installSql(TableInfo table) {
        return sql.installScript(Optional.empty(), Map.of(table.id(), table.primaryKey()));
    }

    private void install(Connection conn, TableInfo table) throws SQLException {
        inTransaction(conn, st -> {
            // Tasks installing at once would fail on each other's CREATE (a unique violation, a concurrent update).
            st.execute("SELECT pg_advisory_xact_lock(hashtext(" + Identifiers.literal("herokupg_capture_install:"
                + settings.schema()) + "))");
            for (String statement : sql.install(Optional.empty(), Map.of(table.id(), table.primaryKey()))) {
                st.execute(statement);
            }
            return null;
        });
        LOG.info("Table {}: installed change capture in schema {} (capture.setup=auto)", table.id(),
            settings.schema());
    }

    /** Deletes the entries the committed fence saw (once per fence), and reads the log's state for the table. */
    private Batch.CaptureLog prune(Connection conn, TableInfo table) throws SQLException {
        Optional<ChangeOffset> offset = Optional.ofNullable(committed.get(table.id()));
        Optional<String> fence = offset.flatMap(ChangeOffset::fence);
        if (fence.isPresent() && !fence.get().equals(pruned.get(table.id()))) {
            int deleted = inTransaction(conn, st -> {
                // One snapshot for the xmax that places the entries' xmin and for the delete.
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                long xmax = Long.parseLong(PassTransactions.text(conn,
                    "SELECT txid_snapshot_xmax(txid_current_snapshot())").orElseThrow());
                return st.executeUpdate(CaptureQuery.pruneSql(sql.log(), table.relid(), Sql.xid64(xmax),
                    fence.get(), offset.get().effectiveFenceWatermark()));
            });
            pruned.put(table.id(), fence.get());
            LOG.debug("Table {}: pruned {} capture log entries seen by the committed fence (xmax {})", table.id(),
                deleted, Snapshots.parse(fence.get()).xmax());
        }
        return state(conn, table);
    }

    /** Work in one transaction on a connection in autocommit mode, which it is again afterwards. */
    private static <T> T inTransaction(Connection conn, StatementWork<T> work) throws SQLException {
        conn.setAutoCommit(false);
        try (Statement st = conn.createStatement()) {
            T result = work.run(st);
            conn.commit();
            return result;
        } catch (SQLException e) {
            conn.rollback();
            throw e;
        } finally {
            conn.setAutoCommit(true);
        }
    }

    private interface StatementWork<T> {
        T run(Statement statement) throws SQLException;
    }

    private Batch.CaptureLog state(Connection conn, TableInfo table) throws SQLException {
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery(CaptureQuery.logStateSql(sql.log(), table.relid()))) {
            rs.next();
            long entries = rs.getLong(1);
            double ageSeconds = rs.getDouble(2);
            OptionalLong ageMs = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of((long) (ageSeconds * 1000));
            warn(table.id(), entries, ageMs);
            return new Batch.CaptureLog(entries, ageMs);
        }
    }

    private void warn(TableId table, long entries, OptionalLong ageMs) {
        Duration threshold = settings.warnAge();
        boolean old = !threshold.isZero() && ageMs.isPresent() && ageMs.getAsLong() > threshold.toMillis();
        if (old && warned.add(table)) {
            LOG.warn("Table {}: the capture log holds {} entries of it, the oldest from {} ago (over"
                + " capture.log.warn.age.ms): they are deleted once Connect commits the positions past them. A"
                + " connector that was stopped or failing catches up now; if this table's connector is retired, drop"
                + " its capture (README, \"Change capture\")", table, entries, Duration.ofMillis(ageMs.getAsLong()));
        } else if (!old) {
            warned.remove(table);
        }
    }
}
