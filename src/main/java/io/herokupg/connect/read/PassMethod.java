/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

import io.herokupg.connect.batch.Batch;
import io.herokupg.connect.catalog.PgActivity;
import io.herokupg.connect.schedule.PassSchedule;

/**
 * A replication method's part of a pass; {@link PassRunner} does the rest (the stream of rows, the batch loop, the
 * records, the end of the pass's transaction). The method keeps the position: what it remembers before a pass, the
 * plan (SQL) of a pass, the offsets of its rows, and what the end of a pass stores. One class per method:
 * {@link FullTableMethod}, {@link IncrementalMethod}, {@link XminMethod} (the last two share {@link FencedMethod}).
 */
interface PassMethod {

    /** The method, as offsets name it ({@code FULL_TABLE}, {@code INCREMENTAL}, {@code XMIN}). */
    String name();

    /** Takes up the stored position (logged): a pass to resume, or when the first pass is due, which it returns. */
    Instant restore(PassSchedule schedule, Instant now);

    /** Whether a pass is in progress. */
    boolean inPass();

    /**
     * Right after {@link #restore}: when the stored last pass started, if it completed (every change committed
     * before then was emitted); empty when none completed or one is in progress.
     */
    OptionalLong completedPassStartedMs();

    /** Whether the pass in progress (or the next one) reads the whole table: FULL_TABLE, or a first change pass. */
    boolean fullRead();

    /** The position for logs: bounds and pass state only, never a row's values (no primary-key values). */
    String summary();

    /**
     * Opens the pass's rows on the connection: begins a pass if none is in progress, or goes on with the one in
     * progress in a new transaction, after the table's shape check; returns the plan of the rows to stream. Empty when
     * the pass cannot begin yet (a follower behind its primary): the table's turn comes again later.
     */
    Optional<Plan> open(Connection connection) throws SQLException;

    /** The offsets of a batch's rows by their position: the pass's state, encoded once per batch. */
    Function<List<String>, Map<String, Object>> offsets();

    /**
     * The offset of the position reached so far, before the rows of the batch being read: a task restarted from it
     * reads them again. Asked by methods whose rows are changes (CAPTURE), for the delete marker of a batch's first
     * row ({@link ChangeRecords}), and, once a pass that started now has ended, for its position.
     */
    default Map<String, Object> offset() {
        throw new UnsupportedOperationException(name() + " reads no changes");
    }

    /**
     * Whether the pass in progress is the first of a table that starts now (start.position=now): it emits no row,
     * and its end's position is committed on its own ({@link #offset()}, with the pass's loading report).
     */
    default boolean startingNow() {
        return false;
    }

    /** The offset of the pass's last row, whose position is given: the state the end of the pass stores. */
    Map<String, Object> lastOffset(Connection connection, List<String> position) throws SQLException;

    /** A batch is certain to be returned: the position moves to its last row's. */
    void advance(List<String> position);

    /**
     * The pass's rows are all read, in its transaction still open: the position becomes the completed one (the last
     * offset, or the same state when the pass's last batch had no row).
     *
     * @return when the pass started (epoch ms), from which the schedule counts the next
     */
    long complete(Connection connection) throws SQLException;

    /** After the pass's transaction ended, with the rows it emitted (XMIN warns about a rewrite). */
    default void ended(Connection connection, long rows) {
    }

    /** The pass's transaction is gone (a failure, a dropped table): the next open goes on in a new one. */
    void abort();

    /**
     * The table (its {@code FROM} item) that the transaction a pass reads its rows in locks before its snapshot, if
     * any (CAPTURE's: a TRUNCATE committed between the snapshot and the read would make the rows look deleted).
     */
    default Optional<String> lockedFirst() {
        return Optional.empty();
    }

    // What observers read, through the batch.

    /** The replication key's SQL type and the highest key emitted (INCREMENTAL). */
    default Optional<Batch.Key> newestKey() {
        return Optional.empty();
    }

    /** What the last pass found running in the database (INCREMENTAL), if it looked. */
    default Optional<PgActivity.Transactions> activity() {
        return Optional.empty();
    }

    /** On a follower, how long the last pass waited for it to replay up to its primary's snapshot. */
    default OptionalLong replayLagMs() {
        return OptionalLong.empty();
    }

    /** The table's entries in the capture log before the last pass (CAPTURE). */
    default Optional<Batch.CaptureLog> captureLog() {
        return Optional.empty();
    }

    /**
     * The plan of a pass's rows.
     *
     * @param sql       the query ({@code read.plan}), inside {@code COPY (…) TO STDOUT (FORMAT binary)}
     * @param positions where each row's position is
     * @param keyHeader whether records carry the replication key in a header
     * @param changes   whether the rows are changes, each with its operation ({@link Positions#op}): CAPTURE
     */
    record Plan(String sql, Positions positions, boolean keyHeader, boolean changes) {
        Plan(String sql, Positions positions, boolean keyHeader) {
            this(sql, positions, keyHeader, false);
        }
    }
}
