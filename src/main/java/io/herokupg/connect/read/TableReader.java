/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.apache.kafka.connect.source.SourceRecord;

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

    /** Forgets any open cursor after a failure, keeping the position, so the next read resumes from it. */
    void abort();

    /** Releases the open cursor, if any. */
    @Override
    void close();
}
