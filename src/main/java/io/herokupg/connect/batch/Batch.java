/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.batch;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.apache.kafka.connect.source.SourceRecord;

import io.herokupg.connect.catalog.PgActivity;
import io.herokupg.connect.catalog.TableId;

/**
 * What one read of a table gave: its records, and what happened, for the task's observers (metrics, extraction logs,
 * loading reports), which only consume it. A value: the read path produces it, nothing reaches back into a reader.
 *
 * @param table   the table read
 * @param records the records, in order (none when the pass ended without more rows, or could not begin yet)
 * @param bytes   the size of their rows as PostgreSQL sent them (binary COPY: fields with their lengths)
 * @param before  the reader's state when the read began
 * @param after   the reader's state when it returned
 */
public record Batch(TableId table, List<SourceRecord> records, long bytes, Before before, After after) {

    /**
     * The reader's state when a read began.
     *
     * @param method        the replication method, as offsets name it ({@code FULL_TABLE}, {@code INCREMENTAL}, …)
     * @param startedMs     when the read began (the task's clock)
     * @param startedNanos  when the read began ({@link System#nanoTime()}), for its duration
     * @param inPass        whether a pass was in progress
     * @param fullRead      whether that pass (or the one the read begins) reads the whole table
     * @param position      the position for logs: bounds and pass state only, never a row's values
     * @param estimatedRows the planner's estimate of the table's rows, read when a full read begins
     */
    public record Before(String method, long startedMs, long startedNanos, boolean inPass, boolean fullRead,
                         String position, OptionalLong estimatedRows) {
    }

    /**
     * The reader's state when the read returned.
     *
     * @param inPass      whether a pass is still in progress (else the read ended one, or none began)
     * @param position    the position for logs, as {@link Before#position()}
     * @param query       the SQL of the query read last (inside {@code COPY (…) TO STDOUT}); it may hold position
     *                    values, so observers print its shape only
     * @param newestKey   the replication key's SQL type and the highest key emitted (INCREMENTAL)
     * @param activity    what the last pass found running in the database (INCREMENTAL), if it looked
     * @param replayLagMs on a follower, how long the last pass waited for it to replay up to its primary's snapshot
     * @param captureLog  the table's entries in the capture log before the last pass (CAPTURE)
     * @param completeAsOfMs when the last completed pass started (epoch ms, the task's clock, taken when its
     *                    snapshot was): every change committed before it was emitted; empty before any pass completed
     *                    (in this task, or per the stored offset)
     * @param nextDue     when the next pass is due; empty while a pass is in progress
     */
    public record After(boolean inPass, String position, Optional<String> query, Optional<Key> newestKey,
                        Optional<PgActivity.Transactions> activity, OptionalLong replayLagMs,
                        Optional<CaptureLog> captureLog, OptionalLong completeAsOfMs, Optional<Instant> nextDue) {
        /** A state without a capture log, a completed pass or a next pass due. */
        public After(boolean inPass, String position, Optional<String> query, Optional<Key> newestKey,
                     Optional<PgActivity.Transactions> activity, OptionalLong replayLagMs) {
            this(inPass, position, query, newestKey, activity, replayLagMs, Optional.empty(), OptionalLong.empty(),
                Optional.empty());
        }
    }

    /**
     * A table's entries in the capture log, after pruning.
     *
     * @param entries     how many
     * @param oldestAgeMs the age of the oldest, if any
     */
    public record CaptureLog(long entries, OptionalLong oldestAgeMs) {
    }

    /** A replication key value, in PostgreSQL's text form, and the key column's SQL type. */
    public record Key(String sqlType, String text) {
    }

    /** Whether the read ended a pass (or found none to begin). */
    public boolean passEnded() {
        return !after.inPass();
    }
}
