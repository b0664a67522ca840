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

import org.apache.kafka.connect.source.SourceRecord;

import io.herokupg.connect.catalog.PgActivity;
import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.schedule.Schedulable;

/**
 * Reads one table by one replication method, one bounded batch at a time. Its in-memory position always equals
 * the offset of the last record it returned, so that after a failure it resumes where Connect would.
 */
public interface TableReader extends Schedulable, AutoCloseable {

    TableId table();

    /**
     * Reads the next batch of at most {@code maxRows} records, beginning a pass if none is in progress. Returns an
     * empty list when the pass ended without further rows.
     */
    List<SourceRecord> read(Connection connection, int maxRows) throws SQLException;

    /**
     * The size of the rows of the last batch as PostgreSQL sent them (binary COPY: every field's bytes and length,
     * plus the row's field count), for the bytes metrics.
     */
    long batchBytes();

    /** Forgets any open stream of rows after a failure, keeping the position, so the next read resumes from it. */
    void abort();

    /**
     * The table does not exist (dropped, or renamed away): after {@link #abort()}, its turn comes again at its next
     * scheduled pass, when it is looked for again (a table created under its name is read afresh; one renamed back
     * goes on where it was).
     */
    void absent();

    // Observability hooks (read-only views of the reader's state, for metrics and logs; see metrics/).

    /** The replication method, as offsets name it ({@code FULL_TABLE}, {@code INCREMENTAL}, {@code XMIN}). */
    default String method() {
        return "";
    }

    /** Whether the pass in progress (or the next one) reads the whole table: FULL_TABLE, or a first change pass. */
    default boolean fullRead() {
        return false;
    }

    /** The position for logs: bounds and pass state only, never a row's values (no primary-key values). */
    default String positionSummary() {
        return "";
    }

    /** The SQL of the query read last (inside {@code COPY (…) TO STDOUT}); it may hold position values. */
    default Optional<String> query() {
        return Optional.empty();
    }

    /** The replication key's SQL type and the highest key emitted (INCREMENTAL), for the replication lag. */
    default Optional<Key> newestKey() {
        return Optional.empty();
    }

    /** What the last pass found running in the database (INCREMENTAL), if it looked. */
    default Optional<PgActivity.Transactions> activity() {
        return Optional.empty();
    }

    /**
     * On a follower, how long the last pass waited for it to replay up to its primary's snapshot (its replay lag, as
     * far as the pass saw it); empty when reading a primary.
     */
    default OptionalLong replayLagMs() {
        return OptionalLong.empty();
    }

    /** A replication key value, in PostgreSQL's text form, and the key column's SQL type. */
    record Key(String sqlType, String text) {
    }

    /** Releases the open stream of rows, if any. */
    @Override
    void close();
}
