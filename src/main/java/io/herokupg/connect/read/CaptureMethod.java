/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.batch.Batch;
import io.herokupg.connect.offset.ChangeOffset;
import io.herokupg.connect.offset.Snapshots;
import io.herokupg.connect.read.plan.CaptureQuery;
import io.herokupg.connect.read.plan.FenceConditions;
import io.herokupg.connect.read.plan.Sql;

/**
 * CAPTURE: every insert, update and delete, from the capture log that the table's triggers write
 * (docs/capture.md). The first pass loads the table in its snapshot, in primary-key order; that snapshot is the first
 * fence, and every later pass reads the keys of the log's entries its fence did not see ({@link CaptureQuery}), each
 * key once in its current state, or as a tombstone once deleted. The log is append-only and its entries carry the
 * writers' transaction ids, so XMIN's fence machinery applies to it as to XMIN's rows (late commits, subtransactions,
 * rollbacks, followers): this is XMIN, reading the log after the first pass. Before each pass, {@link CaptureLogs}
 * checks the table's capture and prunes the log up to the fence Connect has committed.
 */
final class CaptureMethod extends XminMethod {
    private static final Logger LOG = LoggerFactory.getLogger(CaptureMethod.class);

    private final CaptureLogs logs;
    private final PassSnapshots snapshots;
    private Optional<Batch.CaptureLog> captureLog = Optional.empty();

    CaptureMethod(TableShape shape, ReaderContext context, ChangeOffset start) {
        super(shape, context, start);
        this.logs = context.capture();
        this.snapshots = context.snapshots();
        if (shape.table().primaryKey().isEmpty() || !versioned()) {
            throw new IllegalArgumentException("Table " + table() + " cannot be replicated by CAPTURE: it is not a"
                + " table with a primary key");
        }
        List<String> required = shape.builder().requiredNonKeyFields();
        if (logs.settings().deleteMarker() && !required.isEmpty()) {
            throw new IllegalArgumentException("Table " + table() + ": capture.delete.handling=marker+tombstone needs"
                + " its columns other than the key to be nullable, and " + required + " are NOT NULL; use"
                + " capture.delete.handling=tombstone");
        }
    }

    /** Not XMIN's warning of a rewritten table: a CAPTURE pass emits what changed, however much. */
    @Override
    void passEnded(Connection connection, boolean wholeTable, long rows) {
    }

    @Override
    public Optional<Plan> open(Connection connection) throws SQLException {
        if (!inPass()) {
            // Before the pass's snapshot: capture must be in place before the first pass's load.
            captureLog = Optional.of(logs.prepare(connection, snapshots, shape.builder().table()));
        }
        return super.open(connection);
    }

    /**
     * Capture installed again after the fence (it was missing for a while, or its setup SQL ran again): what changed
     * meanwhile is not in the log, so this pass loads the table instead, in the same snapshot.
     */
    @Override
    ChangeOffset.Pass beforePlan(Connection connection, ChangeOffset.Pass pass) throws SQLException {
        if (loading() || PassTransactions.text(connection, CaptureQuery.installedSql(logs.log(),
            shape.builder().table().relid(), conditions(pass))).isEmpty()) {
            return super.beforePlan(connection, pass);
        }
        LOG.warn("Table {}: its capture was installed again since the last pass, and what changed before that is not"
            + " in the capture log: this pass loads the table again (rows deleted meanwhile keep their last record)",
            table());
        position(position().withoutFence().withPass(position().passStartedMs(), pass.inOrder(true)));
        return position().pass().orElseThrow();
    }

    /**
     * A primary key of other columns (renamed, dropped, replaced): the log's entries name the old ones, and the
     * records' key is another; the table starts afresh with a full load. Its triggers, which still name the old
     * columns, log whole rows meanwhile, and are installed again before the next pass (capture.setup=auto) or named by
     * the error that asks for it.
     */
    @Override
    void reshaped(TableShape.Change change) {
        List<String> before = change.before().table().primaryKey();
        List<String> after = change.after().table().primaryKey();
        if (!before.equals(after) && position().fence().isPresent()) {
            LOG.warn("Table {}: its primary key is now {} (was {}); CAPTURE loads the table again, whose records have"
                + " the new key", table(), after, before);
            position(ChangeOffset.initial(ChangeOffset.CAPTURE, Optional.empty()));
        }
    }

    /**
     * A TRUNCATE is not MVCC-safe: a transaction whose snapshot was taken before one committed finds the table empty,
     * and would take the rows its snapshot saw, whose log entries it reads, for deleted. Locked before the snapshot,
     * the table is truncated either before it (the TRUNCATE's entries are then read too) or after the pass.
     */
    @Override
    public Optional<String> lockedFirst() {
        return Optional.of(shape.table().fromItem());
    }

    @Override
    public Optional<Batch.CaptureLog> captureLog() {
        return captureLog;
    }

    private boolean loading() {
        return position().fence().isEmpty();
    }

    @Override
    Positions positionsOf(ChangeOffset.Pass pass) {
        if (loading()) {
            return Positions.of(shape.builder(), Optional.of(lead(readXmax()).expression()), !pass.primaryKeyOrder(),
                true).withOp("'r'");
        }
        return Positions.of(shape.builder(), CaptureQuery.ROWS, Optional.of(CaptureQuery.LEAD), true, true)
            .withOp(CaptureQuery.OP);
    }

    @Override
    Plan planOf(ChangeOffset.Pass pass, Positions positions) {
        if (loading()) {
            return new Plan(sql(readXmax(), pass), positions, false, true);
        }
        return new Plan(new CaptureQuery(shape.builder().table(), shape.builder().selectList(), positions.selected(),
            logs.log(), Sql.xid64(readXmax()), conditions(pass), pass.last()).sql(), positions, false, true);
    }

    /**
     * The first pass loads every row its snapshot saw, whatever their transaction ids: rows written before capture was
     * installed have no entry in the log, so no later pass would read them. (Its watermark still becomes the fence's:
     * the log's entries above it are read again by the next pass.)
     */
    @Override
    FenceConditions conditions(ChangeOffset.Pass pass) {
        if (!loading()) {
            return super.conditions(pass);
        }
        return super.conditions(new ChangeOffset.Pass(pass.snapshot(), pass.micros(), pass.nextLow(), pass.last(),
            OptionalLong.of(Snapshots.parse(pass.snapshot()).xmax()), pass.primaryKeyOrder(), pass.origin()));
    }
}
