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
import java.util.OptionalLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.catalog.TableInfo;
import io.herokupg.connect.offset.SplitLoad;

/**
 * The connector's side of a split load's snapshot: on its own connection, the transaction whose snapshot every range
 * imports, exported with {@code pg_export_snapshot()} and held open (idle in transaction) while the ranges run.
 *
 * <p>A change method's load is a pass ({@link PassSnapshots#begin}): on a primary its snapshot is the exported one;
 * on a follower it is the primary's, which a follower's transaction cannot import: nothing is exported, and each
 * range reads on the follower, once it has replayed past that snapshot, the row versions the snapshot saw (as any
 * pass on a follower does). FULL_TABLE's snapshot is exported where the rows are read, a follower too (PostgreSQL 10
 * or later; before, a standby cannot export, and each range reads in snapshots of its own).
 * The transaction locks the table first ({@code ACCESS SHARE}, as every pass does while it reads): a TRUNCATE, which
 * is not MVCC-safe, waits for the load to end instead of emptying the table under the ranges still to read.
 */
public final class SplitExport {
    private static final Logger LOG = LoggerFactory.getLogger(SplitExport.class);

    private SplitExport() {
    }

    /**
     * A load's snapshot as exported.
     *
     * @param exported the identifier to import, while the transaction stays open; empty when none could be exported
     * @param pass     a change method's pass
     */
    public record Exported(Optional<String> exported, Optional<SplitLoad.Pass> pass) {
    }

    /**
     * Begins the load's transaction on the connection and exports its snapshot; empty when a follower has not yet
     * replayed up to its primary's snapshot (try again later). The connection stays in the transaction (unless nothing
     * could be exported); its queries after this one see the same snapshot.
     *
     * @param changes whether the table's method is a change method (INCREMENTAL, XMIN, CAPTURE), whose load is a pass
     * @param capture CAPTURE's log, whose capture of the table must be in place before the load's snapshot (installed
     *                now with capture.setup=auto), as before a first pass
     */
    public static Optional<Exported> begin(Connection connection, PassSnapshots snapshots, TableInfo table,
                                           boolean changes, Optional<CaptureLogs> capture) throws SQLException {
        if (capture.isPresent()) {
            capture.get().prepare(connection, snapshots, table);
        }
        Optional<SplitLoad.Pass> pass = Optional.empty();
        // Locked before the snapshot, as a pass's rows are: a TRUNCATE (not MVCC-safe) waits for the load to end.
        Optional<String> lock = Optional.of(table.fromItem());
        if (changes) {
            Optional<PassSnapshots.Begun> begun = snapshots.begin(connection, true, false, Optional.empty(), lock);
            if (begun.isEmpty()) {
                return Optional.empty();
            }
            PassSnapshots.Begun b = begun.get();
            pass = Optional.of(new SplitLoad.Pass(b.snapshot(), b.micros(), b.watermark(OptionalLong.empty()),
                Optional.ofNullable(b.origin())));
            if (!b.inPassTransaction()) {
                // A follower: the pass's snapshot is its primary's, which no follower transaction can import; each
                // range reads, once the follower has replayed past it, what that snapshot saw (as any follower pass).
                connection.rollback();
                LOG.info("Table {}: its split load's pass takes its snapshot on the follower's primary; each range"
                    + " reads on the follower in a snapshot of its own, emitting what that snapshot saw", table.id());
                return Optional.of(new Exported(Optional.empty(), pass));
            }
        } else {
            PassTransactions.begin(connection, false, lock);
        }
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT"
            + " pg_export_snapshot(), set_config('idle_in_transaction_session_timeout', '0', true)")) {
            rs.next();
            return Optional.of(new Exported(Optional.of(rs.getString(1)), pass));
        } catch (SQLException e) {
            connection.rollback();
            LOG.warn("Table {}: the snapshot of its split load could not be exported ({}; a standby before PostgreSQL"
                + " 10 cannot): each range reads in snapshots of its own", table.id(), e.getMessage());
            return Optional.of(new Exported(Optional.empty(), pass));
        }
    }
}
