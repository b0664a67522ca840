/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

import io.herokupg.connect.batch.Batch;
import io.herokupg.connect.catalog.TableId;
import io.herokupg.connect.schedule.Schedulable;

/**
 * Reads one table by one replication method, one bounded batch at a time ({@link PassRunner}). Its in-memory position
 * always equals the offset of the last record it returned, so that after a failure it resumes where Connect would.
 */
public interface TableReader extends Schedulable, AutoCloseable {

    TableId table();

    /**
     * Reads the next batch of at most {@code maxRows} records, beginning a pass if none is in progress. Its records
     * are empty when the pass ended without further rows, or could not begin yet.
     */
    Batch read(Connection connection, int maxRows) throws SQLException;

    /**
     * Once, after the first pass of a table that started now (start.position=now) ended: its source partition and
     * the offset of that pass's end, which no record carries (the pass emitted none), to commit with its report.
     */
    default Optional<Map.Entry<Map<String, Object>, Map<String, Object>>> startedNow() {
        return Optional.empty();
    }

    /** The reader's state now, as a read would leave it (for observers: the schedule, the last completed pass). */
    Batch.After state();

    /** Forgets any open stream of rows after a failure, keeping the position, so the next read resumes from it. */
    void abort();

    /**
     * The table does not exist (dropped, or renamed away): after {@link #abort()}, its turn comes again at its next
     * scheduled pass, when it is looked for again (a table created under its name is read afresh; one renamed back
     * goes on where it was).
     */
    void absent();

    /** Releases the open stream of rows, if any. */
    @Override
    void close();
}
